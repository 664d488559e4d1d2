// ICMP (RFC 792): echo fields, checksum status, and the quoted datagram of error messages.
#include <gtest/gtest.h>

#include "decode/icmp.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

std::vector<std::byte> icmp(std::uint8_t type, std::uint8_t code, std::uint16_t w1, std::uint16_t w2,
                            const std::vector<std::byte>& data) {
  ByteWriter w;
  w.u8(type).u8(code).u16(0).u16(w1).u16(w2).append(data);
  auto m = w.take();
  const std::uint16_t sum = decode::internet_checksum(Bytes(m));
  m[2] = static_cast<std::byte>(sum >> 8);
  m[3] = static_cast<std::byte>(sum & 0xff);
  return m;
}

TEST(Icmp, EchoRequestFields) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 1}, icmp(8, 0, 0x0000, 0x007b, std::vector<std::byte>(4)))}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:icmp:data");
  EXPECT_EQ(d.field("icmp.type"), "8");
  EXPECT_EQ(d.field("icmp.code"), "0");
  EXPECT_EQ(d.field("icmp.ident"), "0");
  EXPECT_EQ(d.field("icmp.seq"), "123");
  EXPECT_EQ(d.field("icmp.seq_le"), "31488");
  EXPECT_EQ(d.field("icmp.checksum.status"), "1") << "tshark verifies ICMP checksums";
  EXPECT_EQ(d.field("data.len"), "4");
}

TEST(Icmp, BadChecksumIsReported) {
  auto m = icmp(8, 0, 1, 1, {});
  m[3] ^= std::byte{0xff};
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 1}, m)}));
  EXPECT_EQ(d.field("icmp.checksum.status"), "0");
}

TEST(Icmp, ErrorQuotesTheDatagramAtDepthOne) {
  const auto inner = ipv4({.src = ip4(10, 0, 0, 2), .dst = ip4(10, 0, 0, 9), .protocol = 17, .ttl = 1},
                          udp(7003, 1792, std::vector<std::byte>(12)));
  Dissected d;
  const auto& p = d.add(concat({eth(0x0800), ipv4({.src = ip4(10, 0, 0, 254), .protocol = 1, .ttl = 255},
                                                 icmp(3, 3, 0, 0, inner))}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:icmp:ip:udp:data");
  EXPECT_EQ(d.field("ip.src"), "10.0.0.254,10.0.0.2") << "both IPv4 headers, comma-joined as tshark prints them";
  EXPECT_EQ(d.field("ip.ttl"), "255,1");
  EXPECT_EQ(d.field("udp.srcport"), "7003");
  EXPECT_EQ(d.field("icmp.ident"), "") << "no identifier on errors";
  ASSERT_TRUE(p.find(Proto::Udp));
  EXPECT_EQ(p.find(Proto::Udp)->depth, 1);
  EXPECT_EQ(p.find_top(Proto::Udp), nullptr) << "the quoted UDP is not the packet's own";
}

TEST(Icmp, QuotedTcpHasOnlyItsFirstEightBytes) {
  const auto inner = first(ipv4({.protocol = 6}, tcp(40000, 80, 0xdeadbeef, 0, 0x002)), 28);
  Dissected d;
  const auto& p = d.add(concat({eth(0x0800), ipv4({.protocol = 1}, icmp(11, 0, 0, 0, inner))}));
  EXPECT_EQ(d.field("tcp.srcport"), "40000");
  EXPECT_EQ(d.field("tcp.dstport"), "80");
  EXPECT_EQ(d.field("tcp.seq_raw"), "3735928559");
  EXPECT_EQ(d.field("tcp.flags"), "") << "not in the quoted bytes";
  EXPECT_EQ(d.field("tcp.len"), "");
  ASSERT_TRUE(p.find(Proto::Tcp));
  EXPECT_TRUE(p.find(Proto::Tcp)->partial());
}

TEST(Icmp, TruncationSweepBelowTypeCodeChecksum) {
  // The IPv4 header agrees with each cut, so ICMP itself names the problem.
  const auto message = icmp(8, 0, 1, 1, {});
  const auto frame_of = [&](std::size_t n) { return concat({eth(0x0800), ipv4({.protocol = 1}, first(message, n))}); };
  for (std::size_t n = 0; n < decode::IcmpView::kMinHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(frame_of(n));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Icmp);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 34u);
    EXPECT_EQ(p.problem->required, 4u);
    EXPECT_EQ(d.field("icmp.type"), "");
    EXPECT_EQ(d.field("ip.proto"), "1");
  }
  for (std::size_t n = 4; n < decode::IcmpView::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(frame_of(n));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->offset, 38u);
    EXPECT_EQ(p.problem->required, 8u);
    EXPECT_EQ(d.field("icmp.type"), "8");
    EXPECT_EQ(d.field("icmp.seq"), "");
  }
}

}  // namespace
}  // namespace wirelab::test
