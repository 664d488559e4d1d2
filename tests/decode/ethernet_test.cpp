// Ethernet II and 802.1Q / 802.1ad: fields, stacks, truncation.
#include <gtest/gtest.h>

#include "decode/ethernet.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

TEST(Ethernet, GoldenFieldsAndProtocolStack) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({}, tcp(1234, 80, 1, 0, 0x002))}));
  EXPECT_EQ(d.field("eth.dst"), "00:11:22:33:44:55");
  EXPECT_EQ(d.field("eth.src"), "66:77:88:99:aa:bb");
  EXPECT_EQ(d.field("eth.addr"), "00:11:22:33:44:55,66:77:88:99:aa:bb");
  EXPECT_EQ(d.field("eth.type"), "0x0800");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:tcp");
  EXPECT_FALSE(d.packet().problem);
}

TEST(Ethernet, TruncationSweepBelowHeader) {
  const auto frame = concat({eth(0x0800), ipv4({}, tcp(1, 2, 0, 0, 0x002))});
  for (std::size_t n = 0; n < decode::EthernetView::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(first(frame, n));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Eth);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 0u);
    EXPECT_EQ(p.problem->required, 14u);
    EXPECT_EQ(p.problem->available, n);
    ASSERT_EQ(p.layers.size(), 1u) << "only the Frame layer remains";
    EXPECT_EQ(p.layers[0].proto, Proto::Frame);
  }
}

TEST(Ethernet, QinQStackShowsBothTags) {
  ByteWriter tags;
  tags.u16(0x00c8).u16(0x8100).u16(0x27d1).u16(0x0806);  // S-tag 200, C-tag 2001, ARP
  ByteWriter arp;
  arp.u16(1).u16(0x0800).u8(6).u8(4).u16(1).zeros(20);
  Dissected d;
  d.add(concat({eth(0x88a8), tags.take(), arp.take()}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:arp");
  EXPECT_EQ(d.field("ieee8021ad.id"), "200");
  EXPECT_EQ(d.field("vlan.id"), "2001");
  EXPECT_EQ(d.field("vlan.etype"), "0x0806");
  EXPECT_EQ(d.field("arp.opcode"), "1");
}

TEST(Ethernet, TruncatedVlanTagKeepsEthernet) {
  ByteWriter tag;
  tag.u16(0x0064);
  Dissected d;
  const auto& p = d.add(concat({eth(0x8100), tag.take()}));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->layer, Proto::Vlan);
  EXPECT_EQ(p.problem->offset, 14u);
  EXPECT_EQ(p.problem->required, 4u);
  EXPECT_EQ(d.field("eth.type"), "0x8100");
}

TEST(Ethernet, LengthFieldFrameIsData) {
  ByteWriter llc;
  llc.bytes({0x42, 0x42, 0x03, 0x00});
  Dissected d;
  d.add(concat({eth(0x0004), llc.take()}));
  EXPECT_EQ(d.protocols(), "eth:data");
  EXPECT_EQ(d.field("data.len"), "4");
}

TEST(Frame, UnsupportedLinkTypeIsFramePlusDataAndAProblem) {
  Dissected d;
  const auto& p = d.add(std::vector<std::byte>(10, std::byte{0x7e}), static_cast<decode::LinkType>(104));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(std::string(p.problem->field), "frame.encap_type");
  EXPECT_EQ(p.problem->available, 104u);
  EXPECT_EQ(d.protocols(), "data");
  EXPECT_EQ(d.field("data.data"), "7e7e7e7e7e7e7e7e7e7e");
}

}  // namespace
}  // namespace wirelab::test
