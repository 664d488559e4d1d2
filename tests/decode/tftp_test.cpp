// TFTP (RFC 1350, 2347-2349, 7440): messages, options, and the transfer on the server's new port.
#include <gtest/gtest.h>

#include "decode/tftp.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::ErrorKind;
using decode::Proto;

constexpr std::uint32_t kClient = ip4(127, 0, 0, 1);
constexpr std::uint32_t kServer = ip4(127, 0, 0, 2);

std::vector<std::byte> frame(std::uint32_t src, std::uint32_t dst, std::uint16_t sport, std::uint16_t dport,
                             const std::vector<std::byte>& payload) {
  return concat({eth(0x0800), ipv4({.src = src, .dst = dst, .protocol = 17}, udp(sport, dport, payload))});
}

std::vector<std::byte> rrq() {
  ByteWriter w;
  w.u16(1).text("hello.txt").text("octet").text("blksize").text("256").text("tsize").text("0");
  return w.take();
}

TEST(Tftp, ReadRequestWithOptions) {
  Dissected d;
  d.add(frame(kClient, kServer, 60027, 69, rrq()));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp:tftp");
  EXPECT_EQ(d.field("tftp.opcode"), "1");
  EXPECT_EQ(d.field("tftp.source_file"), "hello.txt");
  EXPECT_EQ(d.field("tftp.destination_file"), "");
  EXPECT_EQ(d.field("tftp.type"), "octet");
  EXPECT_EQ(d.field("tftp.option.name"), "blksize,tsize");
  EXPECT_EQ(d.field("tftp.option.value"), "256,0");
}

TEST(Tftp, TransferIsFollowedOnTheServersNewPort) {
  Dissected d;
  d.add(frame(kClient, kServer, 60027, 69, rrq()));
  ByteWriter oack;
  oack.u16(6).text("blksize").text("256");
  const auto& p = d.add(frame(kServer, kClient, 50012, 60027, oack.take()));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp:tftp");
  EXPECT_EQ(d.field("tftp.opcode"), "6");
  EXPECT_EQ(d.field("tftp.destination_file"), "hello.txt") << "tshark shows [Destination File] after a request";
  EXPECT_EQ(d.field("tftp.request_frame"), "1");
  EXPECT_EQ(d.field("tftp.option.value"), "256");
  EXPECT_EQ(p.tftp.block_size, 256u);

  ByteWriter ack;
  ack.u16(4).u16(0);
  d.add(frame(kClient, kServer, 60027, 50012, ack.take()));
  EXPECT_EQ(d.field("tftp.block"), "0");
  EXPECT_EQ(d.field("tftp.destination_file"), "hello.txt");

  ByteWriter data;
  data.u16(3).u16(1).zeros(100);
  const auto& q = d.add(frame(kServer, kClient, 50012, 60027, data.take()));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp:tftp:data");
  EXPECT_EQ(d.field("tftp.block"), "1");
  EXPECT_EQ(d.field("data.len"), "100");
  EXPECT_EQ(q.tftp.block_size, 256u) << "the OACK's blksize is remembered for the transfer";

  // Another client port on the same hosts is not this transfer.
  d.add(frame(kServer, kClient, 50012, 60028, data.take()));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp");
}

TEST(Tftp, WriteRequestAndError) {
  Dissected d;
  ByteWriter wrq;
  wrq.u16(2).text("rfc1350.txt").text("netascii");
  d.add(frame(kClient, kServer, 57509, 69, wrq.take()));
  EXPECT_EQ(d.field("tftp.destination_file"), "rfc1350.txt");
  EXPECT_EQ(d.field("tftp.source_file"), "");
  EXPECT_EQ(d.field("tftp.type"), "netascii");
  ByteWriter err;
  err.u16(5).u16(1).text("File not found");
  d.add(frame(kServer, kClient, 2087, 57509, err.take()));
  EXPECT_EQ(d.field("tftp.error.code"), "1");
  EXPECT_EQ(d.field("tftp.error.message"), "File not found");
  EXPECT_EQ(d.field("tftp.destination_file"), "rfc1350.txt");
}

TEST(Tftp, UnterminatedStringRunsToTheEnd) {
  ByteWriter w;
  w.u16(1).text("file").text("oct", false);
  Dissected d;
  d.add(frame(kClient, kServer, 1000, 69, w.take()));
  EXPECT_EQ(d.field("tftp.type"), "oct");
}

TEST(Tftp, UnknownOpcodeOnPort69IsData) {
  ByteWriter w;
  w.u16(9).u16(0);
  Dissected d;
  d.add(frame(kClient, kServer, 1000, 69, w.take()));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp:data");
}

TEST(Tftp, TruncationSweep) {
  ByteWriter w;
  w.u16(3).u16(7);
  const auto msg = w.take();
  for (std::size_t n = 1; n < 4; ++n) {
    Dissected d;
    const auto& p = d.add(frame(kClient, kServer, 1000, 69, first(msg, n)));
    ASSERT_TRUE(p.problem) << n;
    EXPECT_EQ(p.problem->layer, Proto::Tftp);
    EXPECT_EQ(p.problem->kind, ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, n < 2 ? 42u : 44u);
    EXPECT_EQ(p.problem->required, n < 2 ? 2u : 4u);
    EXPECT_EQ(d.field("udp.dstport"), "69");
  }
}

}  // namespace
}  // namespace wirelab::test
