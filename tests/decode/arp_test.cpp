// ARP and RARP (RFC 826 / 903).
#include <gtest/gtest.h>

#include "decode/arp.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

std::vector<std::byte> arp_request() {
  ByteWriter w;
  w.u16(1).u16(0x0800).u8(6).u8(4).u16(1);
  w.bytes({0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb}).u32(ip4(10, 0, 0, 2));
  w.zeros(6).u32(ip4(10, 0, 0, 1));
  return w.take();
}

TEST(Arp, GoldenRequest) {
  Dissected d;
  d.add(concat({eth(0x0806), arp_request()}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:arp");
  EXPECT_EQ(d.field("arp.opcode"), "1");
  EXPECT_EQ(d.field("arp.hw.type"), "1");
  EXPECT_EQ(d.field("arp.proto.type"), "0x0800");
  EXPECT_EQ(d.field("arp.src.hw_mac"), "66:77:88:99:aa:bb");
  EXPECT_EQ(d.field("arp.src.proto_ipv4"), "10.0.0.2");
  EXPECT_EQ(d.field("arp.dst.hw_mac"), "00:00:00:00:00:00");
  EXPECT_EQ(d.field("arp.dst.proto_ipv4"), "10.0.0.1");
  EXPECT_FALSE(d.packet().problem);
}

TEST(Arp, RarpUsesTheSameFields) {
  auto body = arp_request();
  body[7] = std::byte{3};  // reverse request
  Dissected d;
  d.add(concat({eth(0x8035), body}));
  EXPECT_EQ(d.protocols(), "eth:ethertype:arp");
  EXPECT_EQ(d.field("arp.opcode"), "3");
}

TEST(Arp, TruncationSweepOfTheFixedPart) {
  const auto frame = concat({eth(0x0806), arp_request()});
  for (std::size_t n = 0; n < decode::ArpView::kFixedLen; ++n) {
    Dissected d;
    const auto& p = d.add(first(frame, 14 + n));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Arp);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 14u);
    EXPECT_EQ(p.problem->required, 8u);
    EXPECT_EQ(d.field("eth.type"), "0x0806") << "earlier layers are kept";
  }
}

TEST(Arp, CutAddressesKeepOpcodeAndShowNoAddress) {
  const auto frame = concat({eth(0x0806), arp_request()});
  Dissected d;
  const auto& p = d.add(first(frame, 14 + 20));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->required, 28u);
  EXPECT_EQ(std::string(p.problem->len_source), "arp.hw.size");
  EXPECT_EQ(d.field("arp.opcode"), "1");
  EXPECT_EQ(d.field("arp.src.proto_ipv4"), "") << "tshark shows no address of a cut ARP packet";
}

TEST(Arp, OtherHardwareAndProtocolSizesAreShownAsBytes) {
  ByteWriter w;
  w.u16(32).u16(0x86dd).u8(2).u8(3).u16(2);  // made-up sizes: hw 2, proto 3
  w.bytes({0xa1, 0xa2, 0xb1, 0xb2, 0xb3, 0xc1, 0xc2, 0xd1, 0xd2, 0xd3});
  Dissected d;
  d.add(concat({eth(0x0806), w.take()}));
  EXPECT_FALSE(d.packet().problem);
  EXPECT_EQ(d.field("arp.src.hw_mac"), "");
  EXPECT_EQ(d.field("arp.src.hw"), "a1a2");
  EXPECT_EQ(d.field("arp.src.proto"), "b1b2b3");
  EXPECT_EQ(d.field("arp.dst.hw"), "c1c2");
  EXPECT_EQ(d.field("arp.dst.proto"), "d1d2d3");
  EXPECT_EQ(d.field("arp.hw.size"), "2");
  EXPECT_EQ(d.field("arp.proto.size"), "3");
}

}  // namespace
}  // namespace wirelab::test
