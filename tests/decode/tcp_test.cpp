// TCP (RFC 9293): header fields, options, lengths, truncation.
#include <gtest/gtest.h>

#include "decode/tcp.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

std::vector<std::byte> syn_options() {
  ByteWriter o;
  o.u8(2).u8(4).u16(1460);                       // MSS
  o.u8(1);                                       // NOP
  o.u8(3).u8(3).u8(7);                           // window scale 7
  o.u8(4).u8(2);                                 // SACK permitted
  o.u8(8).u8(10).u32(849476499).u32(0);          // timestamps
  o.u8(0xfd).u8(4).u16(0x1234);                  // unknown kind 253
  o.u8(0).u8(0).u8(0).u8(0);                     // EOL, then padding tshark lists as EOLs
  return o.take();
}

TEST(Tcp, GoldenFieldsAndOptions) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({}, tcp(44444, 80, 1000, 0, 0x002, syn_options()))}));
  EXPECT_EQ(d.field("tcp.srcport"), "44444");
  EXPECT_EQ(d.field("tcp.dstport"), "80");
  EXPECT_EQ(d.field("tcp.port"), "44444,80");
  EXPECT_EQ(d.field("tcp.seq_raw"), "1000");
  EXPECT_EQ(d.field("tcp.hdr_len"), "48");
  EXPECT_EQ(d.field("tcp.flags"), "0x0002");
  EXPECT_EQ(d.field("tcp.flags.syn"), "1");
  EXPECT_EQ(d.field("tcp.flags.ack"), "0");
  EXPECT_EQ(d.field("tcp.len"), "0");
  EXPECT_EQ(d.field("tcp.option_kind"), "2,1,3,4,8,253,0,0,0,0");
  EXPECT_EQ(d.field("tcp.option_len"), "4,3,2,10,4");
  EXPECT_EQ(d.field("tcp.options.mss_val"), "1460");
  EXPECT_EQ(d.field("tcp.options.wscale.shift"), "7");
  EXPECT_EQ(d.field("tcp.options.wscale.multiplier"), "128");
  EXPECT_EQ(d.field("tcp.options.sack_perm"), "0402");
  EXPECT_EQ(d.field("tcp.options.timestamp.tsval"), "849476499");
  EXPECT_EQ(d.field("tcp.options.timestamp.tsecr"), "0");
  EXPECT_EQ(d.field("tcp.checksum.status"), "2");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:tcp");
}

TEST(Tcp, SackBlocksAndPayload) {
  ByteWriter o;
  o.u8(1).u8(1).u8(5).u8(18).u32(100).u32(200).u32(300).u32(400);
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({}, tcp(1, 2, 5, 6, 0x018, o.take(), std::vector<std::byte>(7)))}));
  EXPECT_EQ(d.field("tcp.options.sack_le"), "100,300");
  EXPECT_EQ(d.field("tcp.options.sack_re"), "200,400");
  EXPECT_EQ(d.field("tcp.options.sack.count"), "2");
  EXPECT_EQ(d.field("tcp.len"), "7");
  EXPECT_EQ(d.field("tcp.flags"), "0x0018");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:tcp:data");
}

TEST(Tcp, MalformedOptionLengthEndsTheList) {
  ByteWriter o;
  o.u8(1).u8(2).u8(1).u8(0);  // MSS with length 1
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({}, tcp(1, 2, 0, 0, 0x002, o.take()))}));
  EXPECT_EQ(d.field("tcp.option_kind"), "1,2");
  EXPECT_EQ(d.field("tcp.options.mss_val"), "");
  EXPECT_FALSE(d.packet().problem) << "the header itself is fine";
}

TEST(Tcp, TruncationSweepBelowMinimumHeader) {
  const auto frame = concat({eth(0x0800), ipv4({}, tcp(1234, 80, 7, 0, 0x002))});
  for (std::size_t n = 0; n < decode::TcpView::kMinHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(first(frame, 34 + n));
    ASSERT_TRUE(p.problem) << n;
    // The IPv4 header claims 40 bytes: its truncation is the first problem.
    EXPECT_EQ(p.problem->layer, Proto::Ipv4);
    const decode::Layer* t = p.find(Proto::Tcp);
    ASSERT_EQ(t != nullptr, n > 0) << n;
    if (t) {
      EXPECT_TRUE(t->partial());
    }
    EXPECT_EQ(d.field("tcp.srcport"), n >= 2 ? "1234" : "") << n;
    EXPECT_EQ(d.field("tcp.flags"), n >= 14 ? "0x0002" : "") << n;
  }
}

TEST(Tcp, DataOffsetBelowFiveIsInvalid) {
  auto seg = tcp(1, 2, 0, 0, 0x002);
  seg[12] = std::byte{0x40};
  Dissected d;
  const auto& p = d.add(concat({eth(0x0800), ipv4({}, seg)}));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(p.problem->layer, Proto::Tcp);
  EXPECT_EQ(p.problem->kind, ErrorKind::Invalid);
  EXPECT_EQ(p.problem->offset, 34u + 12u);
  EXPECT_EQ(p.problem->available, 16u);
}

TEST(Tcp, OptionsCutByTheSnapLengthKeepTheFixedHeader) {
  const auto frame = concat({eth(0x0800), ipv4({}, tcp(1, 2, 0, 0, 0x002, syn_options()))});
  Dissected d;
  const auto& p = d.add(first(frame, 34 + 24));
  ASSERT_TRUE(p.problem);
  EXPECT_EQ(d.field("tcp.flags"), "0x0002");
  EXPECT_EQ(d.field("tcp.len"), "0") << "from the IPv4 total length, as tshark computes it";
  EXPECT_EQ(d.field("tcp.options.mss_val"), "");
}

}  // namespace
}  // namespace wirelab::test
