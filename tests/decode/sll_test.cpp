// Linux cooked captures, SLL (v1) and SLL2.
#include <gtest/gtest.h>

#include "decode/sll.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::LinkType;
using decode::Proto;

std::vector<std::byte> sll1(std::uint16_t hatype, std::uint16_t halen, std::uint16_t protocol) {
  ByteWriter w;
  w.u16(0).u16(hatype).u16(halen).bytes({0xaa, 0x76, 0x30, 0x71, 0xb0, 0xe7, 0, 0}).u16(protocol);
  return w.take();
}

TEST(Sll, V1LoopbackFields) {
  Dissected d;
  d.add(concat({sll1(772, 6, 0x0800), ipv4({.protocol = 17}, udp(1, 2, {}))}), LinkType::LinuxSll);
  EXPECT_EQ(d.protocols(), "sll:ethertype:ip:udp");
  EXPECT_EQ(d.field("sll.pkttype"), "0");
  EXPECT_EQ(d.field("sll.hatype"), "772");
  EXPECT_EQ(d.field("sll.halen"), "6");
  EXPECT_EQ(d.field("sll.src.eth"), "aa:76:30:71:b0:e7");
  EXPECT_EQ(d.field("sll.unused"), "0000");
  EXPECT_EQ(d.field("sll.etype"), "0x0800");
  EXPECT_EQ(d.field("sll.ltype"), "");
}

TEST(Sll, GreDeviceHasNoEthertypeStep) {
  Dissected d;
  d.add(concat({sll1(778, 0, 0x0800), ipv4({.protocol = 17}, udp(1, 2, {}))}), LinkType::LinuxSll);
  EXPECT_EQ(d.protocols(), "sll:ip:udp");
  EXPECT_EQ(d.field("sll.gretype"), "0x0800");
  EXPECT_EQ(d.field("sll.etype"), "");
  EXPECT_EQ(d.field("sll.unused"), "aa763071b0e70000");
}

TEST(Sll, V2Fields) {
  ByteWriter w;
  w.u16(0x0800).u16(0).u32(2).u16(1).u8(4).u8(6).bytes({0xaa, 0x76, 0x30, 0x71, 0xb0, 0xe7, 0, 0});
  Dissected d;
  d.add(concat({w.take(), ipv4({}, tcp(1, 2, 0, 0, 0x002))}), LinkType::LinuxSll2);
  EXPECT_EQ(d.protocols(), "sll:ethertype:ip:tcp");
  EXPECT_EQ(d.field("sll.pkttype"), "4");
  EXPECT_EQ(d.field("sll.hatype"), "1");
  EXPECT_EQ(d.field("sll.ifindex"), "2");
  EXPECT_EQ(d.field("sll.src.eth"), "aa:76:30:71:b0:e7");
  EXPECT_EQ(d.field("sll.etype"), "0x0800");
}

TEST(Sll, TruncationSweeps) {
  const auto v1 = concat({sll1(1, 6, 0x0800), ipv4({}, {})});
  for (std::size_t n = 0; n < decode::SllView::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(first(v1, n), LinkType::LinuxSll);
    ASSERT_TRUE(p.problem);
    EXPECT_EQ(p.problem->layer, Proto::Sll);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 0u);
    EXPECT_EQ(p.problem->required, 16u);
  }
  for (std::size_t n = 0; n < decode::Sll2View::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(std::vector<std::byte>(n), LinkType::LinuxSll2);
    ASSERT_TRUE(p.problem);
    EXPECT_EQ(p.problem->layer, Proto::Sll2);
    EXPECT_EQ(p.problem->required, 20u);
  }
}

}  // namespace
}  // namespace wirelab::test
