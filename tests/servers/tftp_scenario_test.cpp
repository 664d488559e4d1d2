// Lesson tests of the TFTP scenarios, read from the capture.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "datagram_capture_support.hpp"
#include "run_support.hpp"

namespace wirelab::servers {
namespace {

using testing::ipv4_packets;
using testing::SeenPacket;

struct Tftp {
  std::uint16_t opcode = 0;
  std::uint16_t number = 0;  // block for DATA/ACK, code for ERROR
  std::size_t data = 0;      // DATA payload bytes
  std::uint16_t src = 0;
  std::uint16_t dst = 0;
};

std::vector<Tftp> tftp_packets(const RunReport& r) {
  std::vector<Tftp> out;
  for (const SeenPacket& p : ipv4_packets(r)) {
    if (p.ip_proto != 17 || p.payload.size() < 2) continue;
    const Bytes b(p.payload.data(), p.payload.size());
    Tftp t{.opcode = load_be16(b, 0), .src = p.src_port, .dst = p.dst_port};
    if (b.size() >= 4) t.number = load_be16(b, 2);
    if (t.opcode == 3) t.data = b.size() - 4;
    out.push_back(t);
  }
  return out;
}

std::size_t count(const std::vector<Tftp>& v, std::uint16_t opcode) {
  return static_cast<std::size_t>(std::count_if(v.begin(), v.end(), [&](const Tftp& t) { return t.opcode == opcode; }));
}

TEST(TftpScenarios, GetAnswersFromANewPortInLockStep) {
  ScenarioOptions o;
  o.extra = {{"size", "20000"}};
  WIRELAB_RUN_SCENARIO(report, "tftp-get", o);
  const auto t = tftp_packets(*report);
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0].opcode, 1) << "RRQ first";
  EXPECT_EQ(t[1].opcode, 3) << "then DATA 1";
  EXPECT_NE(t[1].src, t[0].dst) << "DATA comes from a new port, not the one the RRQ went to";
  // The journal is complete: RRQ + 40 ACKs sent, 40 DATA received.
  EXPECT_EQ(test::events_of(*report, "client 1", SocketCall::SendTo).size(), 1 + 20000u / 512 + 1);
  EXPECT_EQ(test::events_of(*report, "client 1", SocketCall::RecvFrom).size(), 20000u / 512 + 1);
  for (std::size_t i = 1; i + 1 < t.size(); i += 2) {  // lock-step: DATA n, ACK n
    EXPECT_EQ(t[i].opcode, 3);
    EXPECT_EQ(t[i + 1].opcode, 4);
    EXPECT_EQ(t[i].number, t[i + 1].number);
  }
  // The live capture's ring holds about 32 loopback packets (immediate mode, 128 KB slots): a
  // fast transfer can outrun it, and then only what it kept is checked.
  if (report->stats.kernel_dropped == 0 && report->stats.queue_dropped == 0) {
    EXPECT_EQ(count(t, 3), 20000u / 512 + 1);
    EXPECT_EQ(count(t, 4), 20000u / 512 + 1);
    EXPECT_EQ(t.back().opcode, 4);
    EXPECT_EQ(t[t.size() - 2].data, 20000u % 512) << "the short block ends it";
  }
}

TEST(TftpScenarios, PutStartsWithAck0FromTheNewPort) {
  ScenarioOptions o;
  o.extra = {{"size", "3000"}, {"mode", "netascii"}};
  WIRELAB_RUN_SCENARIO(report, "tftp-put", o);
  const auto t = tftp_packets(*report);
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0].opcode, 2) << "WRQ";
  EXPECT_EQ(t[1].opcode, 4);
  EXPECT_EQ(t[1].number, 0) << "ACK 0 accepts the write";
  EXPECT_NE(t[1].src, t[0].dst);
  EXPECT_EQ(t[2].opcode, 3);
  EXPECT_TRUE(std::any_of(report->findings.begin(), report->findings.end(),
                          [](const std::string& f) { return f.find("identical") != std::string::npos; }));
}

TEST(TftpScenarios, OptionsAreAnsweredByOackAndWindowsNeedFewerAcks) {
  ScenarioOptions o;
  o.extra = {{"size", "100000"}, {"blksize", "1024"}, {"windowsize", "4"}};
  WIRELAB_RUN_SCENARIO(report, "tftp-options", o);
  const auto t = tftp_packets(*report);
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[1].opcode, 6) << "OACK answers the RRQ";
  EXPECT_EQ(t[2].opcode, 4);
  EXPECT_EQ(t[2].number, 0) << "ACK 0 confirms the OACK";
  const std::size_t blocks = 100000 / 1024 + 1;
  const std::size_t acks = 1 + (blocks + 3) / 4;  // ACK 0 plus one ACK per window of 4
  // The journal is complete whatever the capture kept: RRQ + ACKs sent, OACK + DATA received.
  EXPECT_EQ(test::events_of(*report, "client 1", SocketCall::SendTo).size(), 1 + acks);
  EXPECT_EQ(test::events_of(*report, "client 1", SocketCall::RecvFrom).size(), 1 + blocks);
  if (report->stats.kernel_dropped == 0 && report->stats.queue_dropped == 0) {
    EXPECT_EQ(count(t, 3), blocks);
    EXPECT_EQ(count(t, 4), acks);
  }
  for (const auto& p : t) {
    if (p.opcode == 3 && p.number < blocks) {
      EXPECT_EQ(p.data, 1024u);
    }
  }
}

TEST(TftpScenarios, WrapRollsBlock65535OverTo0AndCompletes) {
  ScenarioOptions o;
  o.extra = {{"size", "600000"}};
  o.time_limit = std::chrono::milliseconds(60000);
  WIRELAB_RUN_SCENARIO(report, "tftp-wrap", o);
  const auto t = tftp_packets(*report);
  std::vector<std::uint16_t> blocks;
  std::size_t bytes = 0;
  for (const auto& p : t) {
    if (p.opcode != 3) continue;
    blocks.push_back(p.number);
    bytes += p.data;
  }
  // The client's own account (complete whatever the capture kept): every byte, one rollover.
  EXPECT_TRUE(std::any_of(report->findings.begin(), report->findings.end(),
                          [](const std::string& f) { return f.find("rolled over 65535 -> 0 1 time(s)") != std::string::npos; }));
  const std::size_t data_reads =
      static_cast<std::size_t>(std::count_if(report->events.begin(), report->events.end(), [](const SocketEvent& e) {
        return e.actor == "client 1" && e.call == SocketCall::RecvFrom;
      }));
  EXPECT_EQ(data_reads, 1 + 600000u / 8 + 1) << "OACK + every DATA block, as the journal saw them";
  // The wire: 150,000 lock-step packets can outrun the live capture's ring (see its drop count).
  // Whatever it kept must show the rollover: block numbers climb, fall back to near 0 once.
  ASSERT_GT(blocks.size(), 1000u) << report->stats.describe();
  int rollovers = 0;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    if (blocks[i] < blocks[i - 1]) {
      ++rollovers;
      EXPECT_GT(blocks[i - 1], 60000) << "falls back only at the top of the range";
      EXPECT_LT(blocks[i], 5000);
    }
  }
  EXPECT_EQ(rollovers, 1);
  if (report->stats.kernel_dropped == 0 && report->stats.queue_dropped == 0) {
    ASSERT_EQ(blocks.size(), 600000u / 8 + 1) << "every DATA block captured once";
    EXPECT_EQ(bytes, 600000u);
    EXPECT_EQ(blocks[65534], 65535);
    EXPECT_EQ(blocks[65535], 0) << "the block after 65535 is 0";
    EXPECT_EQ(blocks[65536], 1);
  } else {
    std::cout << "[ NOTE     ] capture lost packets (" << report->stats.describe() << "): checked the rollover only\n";
  }
  EXPECT_TRUE(std::any_of(report->findings.begin(), report->findings.end(),
                          [](const std::string& f) { return f.find("600000 of 600000 bytes, file identical") != std::string::npos; }));
}

TEST(TftpScenarios, ErrorsComeFromTheNewPortWithTheirCodes) {
  WIRELAB_RUN_SCENARIO(report, "tftp-error", ScenarioOptions{});
  const auto t = tftp_packets(*report);
  std::vector<std::uint16_t> codes;
  std::set<std::uint16_t> request_ports;
  for (const auto& p : t)
    if (p.opcode == 1 || p.opcode == 2) request_ports.insert(p.dst);
  for (const auto& p : t) {
    if (p.opcode != 5) continue;
    codes.push_back(p.number);
    EXPECT_EQ(request_ports.count(p.src), 0u) << "ERROR comes from the transfer's own port";
  }
  EXPECT_EQ(codes, (std::vector<std::uint16_t>{1, 2, 2, 2, 6}));
  EXPECT_EQ(count(t, 3), 0u) << "no DATA left the server";
  EXPECT_TRUE(std::any_of(report->findings.begin(), report->findings.end(),
                          [](const std::string& f) { return f.find("original content: yes") != std::string::npos; }));
}

}  // namespace
}  // namespace wirelab::servers
