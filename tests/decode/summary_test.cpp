// The -T text line: protocol column and info as tshark's default output shows them.
#include <gtest/gtest.h>

#include "decode/summary.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

decode::PacketSummary summary_of(const Dissected& d) {
  return decode::summarize(decode::FieldContext{.packet = d.packet()});
}

TEST(Summary, ArpRequestAndReply) {
  ByteWriter req;
  req.u16(1).u16(0x0800).u8(6).u8(4).u16(1).bytes({0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb}).u32(ip4(10, 0, 0, 2));
  req.zeros(6).u32(ip4(10, 0, 0, 1));
  Dissected d;
  d.add(concat({eth(0x0806), req.take()}));
  EXPECT_EQ(summary_of(d).protocol, "ARP");
  EXPECT_EQ(summary_of(d).info, "Who has 10.0.0.1? Tell 10.0.0.2");
  ByteWriter rep;
  rep.u16(1).u16(0x0800).u8(6).u8(4).u16(2).bytes({0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb}).u32(ip4(10, 0, 0, 1));
  rep.zeros(6).u32(ip4(10, 0, 0, 2));
  d.add(concat({eth(0x0806), rep.take()}));
  EXPECT_EQ(summary_of(d).info, "10.0.0.1 is at 66:77:88:99:aa:bb");
}

TEST(Summary, EchoRequest) {
  ByteWriter m;
  m.u8(8).u8(0).u16(0).u16(0x2093).u16(1);
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 1}, m.take())}));
  const auto s = summary_of(d);
  EXPECT_EQ(s.protocol, "ICMP");
  EXPECT_EQ(s.src, "10.0.0.1");
  EXPECT_EQ(s.info, "Echo (ping) request  id=0x2093, seq=1/256, ttl=64");
}

TEST(Summary, TftpRequestAndLastBlock) {
  ByteWriter rrq;
  rrq.u16(1).text("x").text("octet");
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 17}, udp(3000, 69, rrq.take()))}));
  EXPECT_EQ(summary_of(d).protocol, "TFTP");
  EXPECT_EQ(summary_of(d).info, "Read Request, File: x, Transfer type: octet");
  ByteWriter data;
  data.u16(3).u16(1).zeros(10);
  d.add(concat({eth(0x0800), ipv4({.src = ip4(10, 0, 0, 2), .dst = ip4(10, 0, 0, 1), .protocol = 17},
                                  udp(4000, 3000, data.take()))}));
  EXPECT_EQ(summary_of(d).info, "Data Packet, Block: 1 (last)");
}

TEST(Summary, FragmentAndMalformed) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({.protocol = 17, .id = 0xa3d9, .mf = true}, std::vector<std::byte>(16))}));
  EXPECT_EQ(summary_of(d).protocol, "IPv4");
  EXPECT_EQ(summary_of(d).info, "Fragmented IP protocol (proto=UDP 17, off=0, ID=a3d9)");
  d.add(first(concat({eth(0x0800), ipv4({.protocol = 17}, udp(1, 2, {}))}), 30));
  EXPECT_NE(summary_of(d).info.find("[Malformed: IPv4 truncated at offset 14"), std::string::npos)
      << summary_of(d).info;
}

}  // namespace
}  // namespace wirelab::test
