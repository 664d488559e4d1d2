// TFTP transfers: request, OACK options, the server's new port, blocks counted past 65535
// (tftp.block.full as tshark numbers them), duplicates, outcome and reassembled content.
#include <gtest/gtest.h>

#include <filesystem>
#include <algorithm>

#include "capture/packet_stream.hpp"
#include "conversation_builder.hpp"
#include "corpus_support.hpp"
#include "decode/fields.hpp"
#include "decode/track/tftp_tracker.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
using test::ConversationBuilder;
constexpr bool C = true, S = false;

std::string be16(std::uint16_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v & 0xff)}; }
std::string rrq(const std::string& file, const std::string& opts) {
  return be16(1) + file + std::string(1, '\0') + "octet" + std::string(1, '\0') + opts;
}
std::string opt(const std::string& n, const std::string& v) { return n + '\0' + v + '\0'; }
std::string data(std::uint16_t block, const std::string& bytes) { return be16(3) + be16(block) + bytes; }
std::string ack(std::uint16_t block) { return be16(4) + be16(block); }

// A read of `blocks` full 8-byte blocks plus a 3-byte tail, with blksize 8 negotiated.
ConversationBuilder wrapped_read(std::uint32_t blocks, std::string* expected) {
  ConversationBuilder b(0x7f000001, 50000, 0x7f000001, 69);
  b.udp(C, rrq("big.bin", opt("blksize", "8")));
  b.ports(50000, 61000).udp(S, be16(6) + opt("blksize", "8")).udp(C, ack(0));
  for (std::uint32_t i = 1; i <= blocks + 1; ++i) {
    std::string chunk = i <= blocks ? std::string(8, static_cast<char>('a' + i % 26)) : std::string("end");
    if (expected) *expected += chunk;
    b.udp(S, data(static_cast<std::uint16_t>(i), chunk)).udp(C, ack(static_cast<std::uint16_t>(i)));
  }
  return b;
}

TEST(TftpTracker, TransferPastBlock65535IsCompleteWithTheRightSize) {
  std::string expected;
  const std::uint32_t blocks = 65546;  // wraps once (65535 -> 0)
  auto b = wrapped_read(blocks, &expected);
  decode::Trackers t;
  const auto notes = test::track(b.frames(), t);
  ASSERT_EQ(t.tftp().transfers().size(), 1u);
  const auto& x = t.tftp().transfers()[0];
  EXPECT_EQ(x.outcome, decode::TftpOutcome::Complete);
  EXPECT_EQ(x.blocks, blocks + 1);
  EXPECT_EQ(x.bytes, std::uint64_t{blocks} * 8 + 3);
  EXPECT_EQ(x.content, expected);
  EXPECT_EQ(x.wraps, 1u);
  EXPECT_EQ(x.server_port, 61000);
  EXPECT_EQ(x.block_size, 8u);
  EXPECT_EQ(x.file, "big.bin");
  ASSERT_EQ(x.negotiated.size(), 1u);
  EXPECT_EQ(x.negotiated[0].first, "blksize");
  EXPECT_EQ(notes.back().tftp_block_full, static_cast<std::int64_t>(blocks + 1));  // the last ACK
}

TEST(TftpTracker, DuplicateDataAndErrorOutcome) {
  ConversationBuilder b(0x7f000001, 50001, 0x7f000001, 69);
  b.udp(C, rrq("a.txt", "")).ports(50001, 62000).udp(S, data(1, std::string(512, 'x'))).udp(C, ack(1))
      .udp(S, data(1, std::string(512, 'x')))  // retransmitted
      .udp(S, be16(5) + be16(3) + "Disk full" + std::string(1, '\0'));
  decode::Trackers t;
  test::track(b.frames(), t);
  const auto& x = t.tftp().transfers().at(0);
  EXPECT_EQ(x.duplicate_data, 1u);
  EXPECT_EQ(x.outcome, decode::TftpOutcome::Error);
  EXPECT_EQ(x.error_code, 3);
  EXPECT_EQ(x.error_message, "Disk full");
  EXPECT_EQ(x.bytes, 512u);
}

TEST(TftpTracker, TsizeProbeIsNotAFailure) {
  ConversationBuilder b(0x7f000001, 50002, 0x7f000001, 69);
  b.udp(C, rrq("f", opt("tsize", "0"))).ports(50002, 62001).udp(S, be16(6) + opt("tsize", "1234"))
      .udp(C, be16(5) + be16(8) + "probe" + std::string(1, '\0'));
  decode::Trackers t;
  test::track(b.frames(), t);
  EXPECT_EQ(t.tftp().transfers().at(0).outcome, decode::TftpOutcome::TsizeProbe);
}

TEST(TftpTrackerOracle, BlockFullAndUdpStreamMatchTsharkAcrossTheWrap) {
  std::string version;
  if (test::run_command("tshark -v 2>/dev/null", version) != 0) GTEST_SKIP() << "tshark is not installed";
  const fs::path p = fs::temp_directory_path() / "wirelab_tftp_wrap.pcap";
  wrapped_read(65540, nullptr).write_pcap(p);
  std::string expected;
  test::run_command("tshark -n -r '" + p.string() + "' -T fields -e frame.number -e udp.stream -e tftp.block "
                    "-e tftp.block.full 2>/dev/null", expected);
  auto s = capture::PacketStream::open(p.string());
  ASSERT_TRUE(s);
  const auto& reg = decode::FieldRegistry::instance();
  decode::FieldValues scratch;
  std::string actual;
  while (s->next()) {
    std::string line;
    const char* fields[] = {"frame.number", "udp.stream", "tftp.block", "tftp.block.full"};
    for (std::size_t i = 0; i < 4; ++i) {
      if (i) line += '\t';
      decode::format_field(*reg.find(fields[i]), s->context(), scratch, line);
    }
    actual += line + "\n";
  }
  EXPECT_TRUE(actual == expected) << "first difference at byte " << std::mismatch(actual.begin(), actual.end(),
                                                                                  expected.begin(), expected.end())
                                                                        .first - actual.begin();
  fs::remove(p);
}

}  // namespace
}  // namespace wirelab

namespace wirelab {
namespace {

TEST(TftpTracker, ShortPacketsOfEveryOpcodeNeverReadPastTheirBytes) {
  // Each opcode cut at every length after a real request: the tracker must cope (ASan checks).
  for (std::uint16_t op = 1; op <= 6; ++op) {
    for (std::size_t len = 2; len < 6; ++len) {
      test::ConversationBuilder b(0x7f000001, 50010, 0x7f000001, 69);
      b.udp(true, std::string("\0\1f\0octet\0", 10)).ports(50010, 62010);
      std::string msg = std::string(1, '\0') + static_cast<char>(op) + std::string("\0\1\0\0", 4);
      b.udp(false, msg.substr(0, len));
      decode::Trackers t;
      test::track(b.frames(), t);
      EXPECT_EQ(t.tftp().transfers().size(), op <= 2 ? 2u : 1u) << "opcode " << op << " length " << len;
    }
  }
}

}  // namespace
}  // namespace wirelab
