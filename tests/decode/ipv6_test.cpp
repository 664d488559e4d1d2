// IPv6 (RFC 8200): base header, extension headers, truncation.
#include <gtest/gtest.h>

#include "decode/ipv6.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

// fe80::1 -> ff02::1:6, next header `nxt`, then `payload`.
std::vector<std::byte> ipv6(std::uint8_t nxt, const std::vector<std::byte>& payload, int plen = -1) {
  ByteWriter w;
  w.u32(0x6012345a).u16(plen >= 0 ? static_cast<unsigned>(plen) : static_cast<unsigned>(payload.size()));
  w.u8(nxt).u8(1);
  w.u16(0xfe80).zeros(13).u8(1);
  w.u16(0xff02).zeros(10).u16(1).u16(6);
  w.append(payload);
  return w.take();
}

TEST(Ipv6, GoldenFields) {
  Dissected d;
  d.add(concat({eth(0x86dd), ipv6(17, udp(6696, 6696, {}))}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ipv6:udp");
  EXPECT_EQ(d.field("ipv6.version"), "6");
  EXPECT_EQ(d.field("ipv6.tclass"), "0x01");
  EXPECT_EQ(d.field("ipv6.flow"), "0x2345a");
  EXPECT_EQ(d.field("ipv6.plen"), "8");
  EXPECT_EQ(d.field("ipv6.nxt"), "17");
  EXPECT_EQ(d.field("ipv6.hlim"), "1");
  EXPECT_EQ(d.field("ipv6.src"), "fe80::1");
  EXPECT_EQ(d.field("ipv6.dst"), "ff02::1:6");
  EXPECT_EQ(d.field("udp.dstport"), "6696");
}

TEST(Ipv6, ExtensionHeadersAreWalked) {
  ByteWriter hop;
  hop.u8(43).u8(0).bytes({5, 2, 0, 0, 1, 0});  // hop-by-hop: router alert, pad
  ByteWriter rt;
  rt.u8(60).u8(0).u8(0).u8(0).zeros(4);        // routing type 0, no segments
  ByteWriter dst;
  dst.u8(58).u8(0).bytes({1, 4, 0, 0, 0, 0});  // destination options: PadN
  ByteWriter echo;
  echo.u8(128).u8(0).u16(0).u16(0x1234).u16(1).zeros(4);
  Dissected d;
  d.add(concat({eth(0x86dd), ipv6(0, concat({hop.take(), rt.take(), dst.take(), echo.take()}))}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ipv6:ipv6.hopopts:ipv6.routing:ipv6.dstopts:icmpv6:data");
  EXPECT_EQ(d.field("ipv6.hopopts.nxt"), "43");
  EXPECT_EQ(d.field("ipv6.routing.type"), "0");
  EXPECT_EQ(d.field("icmpv6.type"), "128");
  EXPECT_EQ(d.field("icmpv6.echo.identifier"), "0x1234");
  EXPECT_EQ(d.field("icmpv6.echo.sequence_number"), "1");
  EXPECT_FALSE(d.packet().problem);
}

TEST(Ipv6, FragmentsAreShownAsData) {
  ByteWriter frag;
  frag.u8(17).u8(0).u16((10 << 3) | 1).u32(0xabcd);
  Dissected d;
  d.add(concat({eth(0x86dd), ipv6(44, concat({frag.take(), std::vector<std::byte>(16)}))}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ipv6:ipv6.fraghdr:data");
  EXPECT_EQ(d.field("ipv6.fraghdr.offset"), "10");
  EXPECT_EQ(d.field("ipv6.fraghdr.more"), "1");
  EXPECT_EQ(d.field("ipv6.fraghdr.ident"), "0x0000abcd");
}

TEST(Ipv6, TruncationSweepBelowHeader) {
  const auto frame = concat({eth(0x86dd), ipv6(17, udp(1, 2, {}))});
  for (std::size_t n = 0; n < decode::Ipv6View::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(first(frame, 14 + n));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Ipv6);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 14u);
    EXPECT_EQ(p.problem->required, n == 0 ? 1u : 40u);
    EXPECT_EQ(d.field("eth.type"), "0x86dd");
  }
}

TEST(Ipv6, ExtensionHeaderLongerThanThePacket) {
  ByteWriter hop;
  hop.u8(17).u8(3).zeros(6);  // claims 32 bytes
  Dissected d;
  const auto& p = d.add(concat({eth(0x86dd), ipv6(0, hop.take())}));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->layer, Proto::Ipv6HopOpts);
  EXPECT_EQ(p.problem->required, 32u);
  EXPECT_EQ(p.problem->available, 8u);
  EXPECT_EQ(d.field("ipv6.nxt"), "0");
}

TEST(Ipv6, PayloadLengthBeyondCaptureIsTruncated) {
  Dissected d;
  const auto& p = d.add(concat({eth(0x86dd), ipv6(17, udp(1, 2, {}), 400)}));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(std::string(p.problem->field), "ipv6.plen");
  EXPECT_EQ(p.problem->required, 440u);
  EXPECT_EQ(d.field("udp.srcport"), "1");
}

}  // namespace
}  // namespace wirelab::test
