// tshark (4.0, installed) is the oracle: tcp.stream, relative seq/ack/nxtseq and every
// tcp.analysis.* flag must agree frame by frame, on hand-built conversations (port reuse
// variants, retransmissions, duplicate ACKs, window updates, keep-alives, zero windows,
// holes, FINs and resets in order; whole, and cut by the snap length) and on every corpus
// capture with TCP; with and without the connections' story (wirelab-cli -r keeps it only for
// -z conns and -z timeline), which must not change them.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/fields.hpp"
#include "conversation_builder.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
using test::ConversationBuilder;
constexpr bool C = true, S = false;

const std::vector<std::string> kFields = {
    "frame.number", "tcp.stream", "tcp.seq", "tcp.ack", "tcp.nxtseq", "tcp.analysis.flags",
    "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
    "tcp.analysis.out_of_order", "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment",
    "tcp.analysis.duplicate_ack", "tcp.analysis.duplicate_ack_num", "tcp.analysis.duplicate_ack_frame",
    "tcp.analysis.zero_window", "tcp.analysis.zero_window_probe", "tcp.analysis.zero_window_probe_ack",
    "tcp.analysis.window_update", "tcp.analysis.window_full", "tcp.analysis.keep_alive",
    "tcp.analysis.keep_alive_ack", "tcp.analysis.reused_ports"};

bool have_tshark() {
  std::string out;
  return test::run_command("tshark -v 2>/dev/null", out) == 0 && out.find("TShark") != std::string::npos;
}

std::vector<std::string> tshark_rows(const fs::path& pcap) {
  std::string cmd = "tshark -n -r '" + pcap.string() + "' -T fields";
  for (const auto& f : kFields) cmd += " -e " + f;
  cmd += " 2>/dev/null";
  std::string out;
  test::run_command(cmd, out);
  std::vector<std::string> rows;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) rows.push_back(line);
  return rows;
}

// wirelab's rows for the same fields; `tcp_frames` marks frames where wirelab decoded TCP.
std::vector<std::string> wirelab_rows(const fs::path& pcap, bool story, std::vector<bool>* tcp_frames = nullptr) {
  std::vector<std::string> rows;
  auto s = capture::PacketStream::open(pcap.string());
  if (!s) return rows;
  s->trackers().keep_connection_story(story);
  const auto& reg = decode::FieldRegistry::instance();
  decode::FieldValues scratch;
  while (s->next()) {
    std::string line;
    for (std::size_t i = 0; i < kFields.size(); ++i) {
      if (i) line += '\t';
      decode::format_field(*reg.find(kFields[i]), s->context(), scratch, line);
    }
    rows.push_back(line);
    if (tcp_frames) tcp_frames->push_back(s->packet().has(decode::Proto::Tcp));
  }
  return rows;
}

// `snaplen` > 0: both read a copy cut to that snap length by editcap (as tcpdump -s cuts).
void expect_same_as_tshark(const ConversationBuilder& b, const std::string& name, int snaplen = 0) {
  if (!have_tshark()) GTEST_SKIP() << "tshark is not installed";
  fs::path p = fs::temp_directory_path() / ("wirelab_tcp_oracle_" + name + ".pcap");
  b.write_pcap(p);
  if (snaplen > 0) {
    const fs::path whole = p;
    p.replace_extension(".s" + std::to_string(snaplen) + ".pcap");
    std::string out;
    ASSERT_EQ(test::run_command("editcap -s " + std::to_string(snaplen) + " '" + whole.string() + "' '" +
                                    p.string() + "' 2>&1",
                                out),
              0)
        << out;
    fs::remove(whole);
  }
  const auto expected = tshark_rows(p);
  for (const bool story : {true, false}) {
    const auto actual = wirelab_rows(p, story);
    ASSERT_EQ(actual.size(), expected.size()) << name;
    for (std::size_t i = 0; i < expected.size(); ++i)
      EXPECT_EQ(actual[i], expected[i]) << name << " row " << i + 1 << (story ? "" : " (without the story)");
  }
  fs::remove(p);
}

TEST(TcpTrackerOracle, PortReuseVariantsNumberStreamsLikeTshark) {
  ConversationBuilder b;
  // 1: closed with FIN, then a SYN with a new ISN.
  b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101).tcp(C, "F.", 2, 101).tcp(S, "F.", 101, 3)
      .tcp(C, ".", 3, 102).tcp(C, "S", 5000, 0).tcp(S, "S.", 700, 5001).tcp(C, ".", 5001, 701);
  // 2: same 4-tuple again, closed with FIN, then a SYN with the SAME ISN.
  b.tcp(C, "F.", 5001, 701).tcp(S, "F.", 701, 5002).tcp(C, ".", 5002, 702).tcp(C, "S", 5000, 0);
  // 3: another port: SYN retransmitted with the same ISN, then a SYN with a new ISN (no close).
  b.ports(40001, 7).tcp(C, "S", 10, 0).tcp(C, "S", 10, 0).tcp(C, "S", 99, 0).tcp(S, "S.", 50, 100);
  // 4: reset, then the same ISN again.
  b.ports(40002, 7).tcp(C, "S", 20, 0).tcp(S, "R.", 0, 21).tcp(C, "S", 20, 0).tcp(S, "S.", 60, 21);
  expect_same_as_tshark(b, "port_reuse");
}

TEST(TcpTrackerOracle, RetransmissionsDuplicateAcksAndHoles) {
  ConversationBuilder b;
  b.tcp(C, "S", 1000, 0, "", 65535, 7).tcp(S, "S.", 5000, 1001, "", 65535, 7).tcp(C, ".", 1001, 5001)
      .tcp(C, "P.", 1001, 5001, "aaaa").tcp(C, "P.", 1009, 5001, "cccc")  // 1005..1008 missing
      .tcp(S, ".", 5001, 1005).tcp(S, ".", 5001, 1005).tcp(S, ".", 5001, 1005)
      .tcp(C, "P.", 1005, 5001, "bbbb")                                    // fast retransmission
      .tcp(S, ".", 5001, 1013).gap(500'000'000)
      .tcp(C, "P.", 1005, 5001, "bbbb")                                    // plain retransmission
      .tcp(S, ".", 5001, 1013, "", 1000)                                   // window update
      .tcp(C, ".", 1012, 5001).tcp(S, ".", 5001, 1013, "", 1000)           // keep-alive and its ACK
      .tcp(S, ".", 5001, 1013, "", 0)                                      // zero window
      .tcp(C, "P.", 1013, 5001, "z").tcp(S, ".", 5001, 1013, "", 0)        // zero window probe + ack
      .tcp(S, ".", 5001, 1100)                                             // acks unseen data
      .tcp(C, "P.", 2000, 5001, "late").tcp(C, "P.", 1013, 5001, "xy");    // hole, then out of order
  expect_same_as_tshark(b, "analysis");
  // Cut by the snap length: in the TCP options of the SYNs, right after the other headers,
  // and one byte into the payload. The numbers and flags come from the lengths the headers
  // claim, as in tshark.
  for (const int snaplen : {14 + 20 + 20, 14 + 20 + 20 + 1}) expect_same_as_tshark(b, "analysis", snaplen);
}

// FIN and RST segments where the sequence space continues take the short path without the
// story; these are the corners where the general rules treat them unlike data.
TEST(TcpTrackerOracle, FinsAndResetsInOrderAreFlaggedLikeTshark) {
  ConversationBuilder b;
  // 1: a FIN with data that fills the peer's window exactly (never "window full" on a FIN),
  // then a server FIN that acknowledges data it never saw.
  b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001)
      .tcp(S, ".", 5001, 1001, "", 10).tcp(C, "P.", 1001, 5001, "1234567").tcp(C, "FP.", 1008, 5001, "xyz")
      .tcp(S, "F.", 5001, 1020).tcp(C, ".", 1012, 5002);
  // 2: one byte with a FIN into a zero window is a zero-window probe.
  b.ports(40001, 7).tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101)
      .tcp(S, ".", 101, 2, "", 0).tcp(C, "F.", 2, 101, "z").tcp(S, "F.", 101, 4).tcp(C, ".", 4, 102);
  // 3: data the peer already acknowledged, carried by a FIN (spurious), and a reset in order
  // that moves the acknowledgment number.
  b.ports(40002, 7).tcp(C, "S", 10, 0).tcp(S, "S.", 300, 11).tcp(C, ".", 11, 301)
      .tcp(S, "P.", 301, 40, "data").tcp(C, "FP.", 11, 305, "early").tcp(S, ".", 305, 40)
      .tcp(C, "R.", 17, 305);
  // 4: a plain reset in order after data, and a FIN after a FIN (a retransmission).
  b.ports(40003, 7).tcp(C, "S", 7, 0).tcp(S, "S.", 70, 8).tcp(C, ".", 8, 71).tcp(C, "P.", 8, 71, "abc")
      .tcp(S, "F.", 71, 11).tcp(S, "F.", 71, 11).tcp(C, "R", 11, 0);
  expect_same_as_tshark(b, "fin_rst_in_order");
  expect_same_as_tshark(b, "fin_rst_in_order", 14 + 20 + 20 + 2);
}

TEST(TcpTrackerOracle, EveryCorpusCaptureWithTcpAgreesOnStreamSeqAckAndAnalysis) {
  if (!have_tshark()) GTEST_SKIP() << "tshark is not installed";
  std::size_t files = 0, frames = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "oracle")) {
    const std::string name = e.path().filename().string();
    if (name.size() < 4 || name.substr(name.size() - 4) != ".tsv" || name.find(".tftp.") != std::string::npos) continue;
    if (test::read_text(e.path()).find("\t6\t") == std::string::npos) continue;  // no TCP (ip.proto 6)
    const fs::path pcap = test::corpus_dir() / "pcaps" / name.substr(0, name.size() - 4);
    std::vector<bool> has_tcp;
    const auto actual = wirelab_rows(pcap, true, &has_tcp);
    const auto without_story = wirelab_rows(pcap, false);
    const auto expected = tshark_rows(pcap);
    ++files;
    ASSERT_EQ(without_story.size(), actual.size()) << pcap.filename().string();
    for (std::size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
      // Frames wirelab cannot decode down to TCP yet are the decoders' business (oracle_test).
      if (!has_tcp[i]) continue;
      ++frames;
      EXPECT_EQ(actual[i], expected[i]) << pcap.filename().string() << " frame " << i + 1;
      EXPECT_EQ(without_story[i], expected[i]) << pcap.filename().string() << " frame " << i + 1 << " (without the story)";
    }
  }
  EXPECT_GT(files, 15u);
  EXPECT_GT(frames, 500u);
}

}  // namespace
}  // namespace wirelab
