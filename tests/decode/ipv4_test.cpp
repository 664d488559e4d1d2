// IPv4 (RFC 791): header fields, options, checksum status, length checks, truncation.
#include <gtest/gtest.h>

#include "decode/ipv4.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

TEST(Ipv4, GoldenFields) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 17, .id = 0xfc35, .ttl = 63, .df = true}, udp(5000, 53, {}))}));
  EXPECT_EQ(d.field("ip.version"), "4");
  EXPECT_EQ(d.field("ip.hdr_len"), "20");
  EXPECT_EQ(d.field("ip.len"), "28");
  EXPECT_EQ(d.field("ip.id"), "0xfc35");
  EXPECT_EQ(d.field("ip.flags"), "0x02");
  EXPECT_EQ(d.field("ip.flags.df"), "1");
  EXPECT_EQ(d.field("ip.flags.mf"), "0");
  EXPECT_EQ(d.field("ip.frag_offset"), "0");
  EXPECT_EQ(d.field("ip.ttl"), "63");
  EXPECT_EQ(d.field("ip.proto"), "17");
  EXPECT_EQ(d.field("ip.checksum.status"), "2") << "tshark 4.0 does not verify IPv4 checksums by default";
  EXPECT_EQ(d.field("ip.src"), "10.0.0.1");
  EXPECT_EQ(d.field("ip.dst"), "10.0.0.2");
  EXPECT_EQ(d.field("ip.addr"), "10.0.0.1,10.0.0.2");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp");
}

TEST(Ipv4, TruncationSweepBelowMinimumHeader) {
  const auto frame = concat({eth(0x0800), ipv4({}, tcp(1, 2, 0, 0, 0x002))});
  for (std::size_t n = 0; n < decode::Ipv4View::kMinHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(first(frame, 14 + n));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Ipv4);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 14u);
    EXPECT_EQ(p.problem->required, n == 0 ? 1u : 20u);
    EXPECT_EQ(d.field("eth.type"), "0x0800");
    // Like tshark, the fields that were captured are shown.
    EXPECT_EQ(d.field("ip.ttl"), n >= 9 ? "64" : "") << n;
    EXPECT_EQ(d.field("ip.src"), n >= 16 ? "10.0.0.1" : "") << n;
    EXPECT_EQ(d.field("ip.dst"), "") << n;
  }
}

TEST(Ipv4, BadVersionAndHeaderLengthAreInvalid) {
  auto frame = concat({eth(0x0800), ipv4({}, {})});
  frame[14] = std::byte{0x65};
  Dissected d;
  const auto& p = d.add(frame);
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->kind, ErrorKind::Invalid);
  EXPECT_EQ(std::string(p.problem->field), "ip.version");
  EXPECT_EQ(p.problem->available, 6u);

  frame[14] = std::byte{0x44};  // IHL 4 = 16 bytes
  const auto& q = d.add(frame);
  ASSERT_TRUE(q.problem);
  EXPECT_EQ(std::string(q.problem->field), "ip.hdr_len");
  EXPECT_EQ(q.problem->available, 16u);
}

TEST(Ipv4, TotalLengthBelowHeaderIsInvalidAndBeyondCaptureIsTruncated) {
  Dissected d;
  const auto& p = d.add(concat({eth(0x0800), ipv4({.total_len = 12}, {})}));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->kind, ErrorKind::Invalid);
  EXPECT_EQ(std::string(p.problem->field), "ip.len");
  EXPECT_EQ(p.problem->offset, 16u);

  const auto& q = d.add(concat({eth(0x0800), ipv4({.protocol = 17, .total_len = 300}, udp(1, 2, {}))}));
  ASSERT_TRUE(q.problem);
  EXPECT_EQ(q.problem->kind, ErrorKind::Truncated);
  EXPECT_EQ(q.problem->required, 300u);
  EXPECT_EQ(q.problem->available, 28u);
  EXPECT_EQ(d.field("udp.srcport"), "1") << "the layers inside are still decoded";
}

TEST(Ipv4, OptionsAreListed) {
  ByteWriter o;
  o.u8(1);                                       // NOP
  o.u8(7).u8(7).u8(4).u32(0);                    // Record Route, one empty slot
  o.u8(68).u8(8).u8(9).u8(0x00).u32(1234);       // Time Stamp, one stamp
  o.u8(0x9e).u8(4).u16(0xbeef);                  // unknown option 158
  o.u8(0);                                       // EOL
  o.zeros(3);                                    // padding
  ASSERT_EQ(o.size() % 4, 0u);
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.options = o.take()}, tcp(1, 2, 0, 0, 0x002))}));
  EXPECT_FALSE(d.packet().problem);
  EXPECT_EQ(d.field("ip.hdr_len"), "44");
  EXPECT_EQ(d.field("ip.opt.type"), "1,7,68,158,0");
  EXPECT_EQ(d.field("ip.opt.len"), "7,8,4");
  EXPECT_EQ(d.field("ip.opt.ptr"), "4,9");
  EXPECT_EQ(d.field("ip.opt.flag"), "0x00");
  EXPECT_EQ(d.field("ip.opt.time_stamp"), "1234");
  EXPECT_EQ(d.field("ip.opt.type.copy"), "0,0,0,1,0");
  EXPECT_EQ(d.field("tcp.srcport"), "1");
}

TEST(Ipv4, MalformedOptionLengthStopsTheListButNotTheLayer) {
  ByteWriter o;
  o.u8(1).u8(7).u8(40).u8(0);  // Record Route claiming 40 bytes in a 4-byte area
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.options = o.take()}, tcp(1, 2, 0, 0, 0x002))}));
  EXPECT_EQ(d.field("ip.opt.type"), "1,7");
  EXPECT_EQ(d.field("ip.opt.len"), "");
  EXPECT_EQ(d.field("tcp.dstport"), "2");
}

TEST(Ipv4, SourceRouteShowsTheFinalDestinationAsTsharkDoes) {
  ByteWriter o;
  o.u8(131).u8(11).u8(4).u32(ip4(1, 2, 3, 4)).u32(ip4(5, 6, 7, 8)).u8(0);
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.dst = ip4(13, 14, 15, 16), .options = o.take()}, tcp(1, 2, 0, 0, 0x002))}));
  EXPECT_EQ(d.field("ip.dst"), "5.6.7.8");
}

TEST(Ipv4, TsoZeroTotalLengthMeansAsCaptured) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.total_len = 0}, tcp(1, 2, 0, 0, 0x018, {}, std::vector<std::byte>(100)))}));
  EXPECT_FALSE(d.packet().problem);
  EXPECT_EQ(d.field("tcp.len"), "100");
  // tshark shows the length the layer has, not the 0 of the field (and -Y ip.len selects on it).
  EXPECT_EQ(d.field("ip.len"), "140");
}

TEST(Ipv4, RawLinkTypesUseTheVersionNibble) {
  Dissected d;
  d.add(ipv4({}, tcp(1, 2, 0, 0, 0x002)), decode::LinkType::Raw);
  EXPECT_EQ(d.protocols(), "raw:ip:tcp");
  d.add(ipv4({}, tcp(1, 2, 0, 0, 0x002)), decode::LinkType::Ipv4);
  EXPECT_EQ(d.protocols(), "ip:tcp");
  d.add({std::byte{0x10}, std::byte{0}}, decode::LinkType::Raw);
  EXPECT_EQ(d.protocols(), "raw:data");
}

}  // namespace
}  // namespace wirelab::test
