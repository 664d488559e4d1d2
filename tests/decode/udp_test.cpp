// UDP (RFC 768): fields, length checks, truncation.
#include <gtest/gtest.h>

#include "decode/udp.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

TEST(Udp, GoldenFields) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 17}, udp(5353, 5353, std::vector<std::byte>(5, std::byte{0xab})))}));
  EXPECT_EQ(d.field("udp.srcport"), "5353");
  EXPECT_EQ(d.field("udp.port"), "5353,5353");
  EXPECT_EQ(d.field("udp.length"), "13");
  EXPECT_EQ(d.field("udp.checksum.status"), "2");
  EXPECT_EQ(d.field("data.data"), "ababababab");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp:data");
}

TEST(Udp, TruncationSweepBelowHeader) {
  const auto frame = concat({eth(0x0800), ipv4({.protocol = 17}, udp(1000, 2000, {}))});
  for (std::size_t n = 0; n < decode::UdpView::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(first(frame, 34 + n));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Ipv4) << "the IPv4 total length is the first thing cut";
    EXPECT_EQ(d.field("udp.srcport"), n >= 2 ? "1000" : "") << n;
    EXPECT_EQ(d.field("udp.dstport"), n >= 4 ? "2000" : "") << n;
    EXPECT_EQ(d.field("udp.length"), n >= 6 ? "8" : "") << n;
  }
  // With an IPv4 header that agrees with the cut, UDP itself names the problem.
  for (std::size_t n = 0; n < decode::UdpView::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(concat({eth(0x0800), ipv4({.protocol = 17}, first(udp(1, 2, {}), n))}));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Udp);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 34u);
    EXPECT_EQ(p.problem->required, 8u);
    EXPECT_EQ(p.problem->available, n);
  }
}

TEST(Udp, LengthBelowEightIsInvalid) {
  Dissected d;
  const auto& p = d.add(concat({eth(0x0800), ipv4({.protocol = 17}, udp(1, 2, {}, 5))}));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->kind, ErrorKind::Invalid);
  EXPECT_EQ(p.problem->offset, 38u);
  EXPECT_EQ(p.problem->available, 5u);
}

TEST(Udp, LengthBeyondTheIpPayloadIsAMismatch) {
  Dissected d;
  const auto& p = d.add(concat({eth(0x0800), ipv4({.protocol = 17}, udp(1, 2, std::vector<std::byte>(4), 100))}));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->layer, Proto::Udp);
  EXPECT_EQ(p.problem->kind, ErrorKind::LengthMismatch);
  EXPECT_EQ(p.problem->required, 100u);
  EXPECT_EQ(p.problem->available, 12u);
  EXPECT_EQ(d.field("udp.length"), "100");
  EXPECT_EQ(d.field("data.len"), "4") << "the payload is clamped to what is there";
}

TEST(Udp, ShorterLengthLeavesTrailingBytesOutOfThePayload) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 17}, udp(1, 2, std::vector<std::byte>(10), 12))}));
  EXPECT_FALSE(d.packet().problem);
  EXPECT_EQ(d.field("data.len"), "4");
}

}  // namespace
}  // namespace wirelab::test
