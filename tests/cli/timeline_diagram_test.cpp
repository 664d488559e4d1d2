// -z timeline with --diagram, and the timelines of UDP flows, TFTP transfers and ICMP echo
// sessions, as a user runs them: the output is what PlantUML / an XML parser accept, has one
// message per packet of the conversation (counted from tshark's own output of the capture), and
// bad --diagram values are usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "conversation_builder.hpp"
#include "corpus_support.hpp"
#include "diagram_check.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
constexpr bool C = true, S = false;

int cli(const std::string& args, std::string& out) {
  return test::run_command(std::string(WIRELAB_CLI_PATH) + " " + args + " 2>&1", out);
}

fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("wirelab_cli_diagram_" + std::to_string(::getpid()) + "_" + name);
}

fs::path textbook_capture() {
  test::ConversationBuilder b(0x7f000001, 46000, 0x7f000001, 7);
  b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001)
      .tcp(C, "P.", 1001, 5001, "hello").tcp(S, "P.", 5001, 1006, "hello")
      .tcp(C, "F.", 1006, 5006).tcp(S, ".", 5006, 1007).tcp(S, "F.", 5006, 1007).tcp(C, ".", 1007, 5007);
  const fs::path p = temp("textbook.pcap");
  b.write_pcap(p);
  return p;
}

// Frames of a corpus capture whose tshark column `field` is not empty.
std::size_t oracle_frames_with(const std::string& capture, const std::string& field) {
  const auto rows = test::read_tsv(test::corpus_dir() / "oracle" / (capture + ".tsv"));
  if (rows.empty()) return 0;
  std::size_t col = rows[0].size();
  for (std::size_t i = 0; i < rows[0].size(); ++i)
    if (rows[0][i] == field) col = i;
  std::size_t n = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) n += col < rows[r].size() && !rows[r][col].empty();
  return n;
}

TEST(TimelineDiagram, PlantUmlOfATcpStreamIsValidAndComplete) {
  const fs::path pcap = textbook_capture();
  std::string out;
  ASSERT_EQ(cli("-r '" + pcap.string() + "' -z timeline,0 --diagram plantuml", out), 0) << out;
  // Only the diagram on stdout: no packet lines before it.
  EXPECT_EQ(out.rfind("@startuml\n", 0), 0u) << out;
  EXPECT_EQ(test::count_lines_matching(out, "^n[01] -> n[01] : \\[[0-9]+\\] "), 9u) << out;
  EXPECT_NE(out.find("hnote over n1 : SYN-RECEIVED"), std::string::npos) << out;
  EXPECT_NE(out.find("hnote over n0 : TIME-WAIT"), std::string::npos) << out;
  EXPECT_NE(out.find("group handshake: three-way"), std::string::npos) << out;
  if (!test::tool_available("plantuml")) GTEST_SKIP() << "plantuml is not installed (scripts/deps.sh installs it)";
  EXPECT_EQ(test::plantuml_verdict(out), "");
}

TEST(TimelineDiagram, SocketCallsOfAScenarioCaptureBecomeNotesAndTheSvgParses) {
  const fs::path pcapng = test::source_dir() / "resources" / "captures" / "echo-epoll-3clients.pcapng";
  std::string puml, mmd, svg;
  ASSERT_EQ(cli("-r '" + pcapng.string() + "' -z timeline,0 --diagram plantuml", puml), 0) << puml;
  ASSERT_EQ(cli("-r '" + pcapng.string() + "' -z timeline,0 --diagram=mermaid", mmd), 0) << mmd;
  ASSERT_EQ(cli("-r '" + pcapng.string() + "' -z timeline,0 --diagram svg", svg), 0) << svg;
  EXPECT_NE(puml.find("note left of n0 : connect()"), std::string::npos) << puml;
  EXPECT_NE(puml.find("note right of n1 : accept() = "), std::string::npos) << puml;
  EXPECT_NE(mmd.find("Note left of n0: connect()"), std::string::npos) << mmd;
  // The same segments in every format.
  const std::size_t segments = test::count_lines_matching(puml, "^n[01] -> n[01] : ");
  EXPECT_GE(segments, 7u);
  EXPECT_EQ(test::count_lines_matching(mmd, "->>"), segments);
  std::size_t svg_packets = 0;
  for (std::size_t p = 0; (p = svg.find("<g class=\"packet\">", p)) != std::string::npos; ++p) ++svg_packets;
  EXPECT_EQ(svg_packets, segments);
  if (test::tool_available("xmllint")) {
    EXPECT_EQ(test::xml_verdict(svg), "");
  }
  if (!test::tool_available("plantuml")) GTEST_SKIP() << "plantuml is not installed (scripts/deps.sh installs it)";
  EXPECT_EQ(test::plantuml_verdict(puml), "");
}

TEST(TimelineDiagram, BadFormatsAreUsageErrors) {
  std::string out;
  EXPECT_EQ(cli("-r /dev/null -z timeline,0 --diagram png", out), 2);
  EXPECT_NE(out.find("--diagram takes text, plantuml, mermaid or svg, not \"png\""), std::string::npos) << out;
  EXPECT_EQ(cli("-r /dev/null -z timeline,0 --diagram", out), 2);
  EXPECT_NE(out.find("--diagram needs a format"), std::string::npos) << out;
  EXPECT_EQ(cli("-r /dev/null -z conns --diagram svg", out), 2);
  EXPECT_NE(out.find("is used with -z timeline"), std::string::npos) << out;
  EXPECT_EQ(cli("-r /dev/null -z timeline,tftp,x", out), 2);
  EXPECT_NE(out.find("expected a TFTP transfer number"), std::string::npos) << out;
}

TEST(TimelineDiagram, TftpTransferAcrossTheRequestAndTransferPorts) {
  const fs::path pcap = test::corpus_dir() / "pcaps" / "tftp_oack.pcap";
  std::string text, puml;
  ASSERT_EQ(cli("-r '" + pcap.string() + "' -q -z timeline,tftp,0", text), 0) << text;
  // Every TFTP packet tshark saw, labelled like its Info column, on three lanes.
  EXPECT_EQ(test::count_lines_matching(text, "^ +[0-9]+ +[0-9.]+  [|<]"), oracle_frames_with("tftp_oack.pcap", "tftp.opcode")) << text;
  EXPECT_NE(text.find("-- Read Request, File: "), std::string::npos) << text;
  EXPECT_NE(text.find("-- Option Acknowledgement"), std::string::npos) << text;
  EXPECT_NE(text.find("-- Data Packet, Block: 1"), std::string::npos) << text;
  EXPECT_NE(text.find("-- Acknowledgement, Block: 0"), std::string::npos) << text;
  EXPECT_NE(text.find("server (transfer)"), std::string::npos) << text;
  EXPECT_NE(text.find("-- request: read "), std::string::npos) << text;
  ASSERT_EQ(cli("-r '" + pcap.string() + "' -z timeline,tftp,0 --diagram plantuml", puml), 0) << puml;
  EXPECT_EQ(test::count_lines_matching(puml, "^participant "), 3u) << puml;
  EXPECT_EQ(test::count_lines_matching(puml, "^n[0-2] -> n[0-2] : "), oracle_frames_with("tftp_oack.pcap", "tftp.opcode")) << puml;
  EXPECT_NE(puml.find("n0 -> n1 : [1] Read Request, File: "), std::string::npos) << puml;
  EXPECT_NE(puml.find("n2 -> n0 : [2] Option Acknowledgement"), std::string::npos) << puml;
  EXPECT_NE(puml.find("group request: read "), std::string::npos) << puml;
  if (!test::tool_available("plantuml")) GTEST_SKIP() << "plantuml is not installed (scripts/deps.sh installs it)";
  EXPECT_EQ(test::plantuml_verdict(puml), "");
}

TEST(TimelineDiagram, LongTftpWriteHasEveryBlockAndItsOutcome) {
  const fs::path pcap = test::corpus_dir() / "pcaps" / "tftp_wrq.pcap";
  std::string mmd;
  ASSERT_EQ(cli("-r '" + pcap.string() + "' -z timeline,tftp,0 --diagram mermaid", mmd), 0) << mmd;
  EXPECT_EQ(test::count_lines_matching(mmd, "->>"), oracle_frames_with("tftp_wrq.pcap", "tftp.opcode")) << mmd;
  EXPECT_NE(mmd.find("n0->>n1: [1] Write Request, File: rfc1350.txt, Transfer type: octet"), std::string::npos) << mmd;
  EXPECT_NE(mmd.find("end: complete, 24599 bytes in 49 blocks"), std::string::npos) << mmd;
}

TEST(TimelineDiagram, UdpFlowAndIcmpEchoSession) {
  test::ConversationBuilder b(0x7f000001, 50000, 0x7f000001, 9999);
  b.udp(C, "ping one").udp(S, "pong one").udp(C, "ping two;#");
  const fs::path pcap = temp("udp.pcap");
  b.write_pcap(pcap);
  std::string text, mmd;
  ASSERT_EQ(cli("-r '" + pcap.string() + "' -q -z timeline,udp,0", text), 0) << text;
  EXPECT_NE(text.find("UDP stream 0: 127.0.0.1:50000 (client) <-> 127.0.0.1:9999 (server)"), std::string::npos) << text;
  EXPECT_EQ(test::count_lines_matching(text, "^ +[0-9]+ +[0-9.]+  \\|-- 50000 \u2192 9999 Len=8"), 1u) << text;
  EXPECT_EQ(test::count_lines_matching(text, "^ +[0-9]+ +[0-9.]+  <-- 9999 \u2192 50000 Len=8"), 1u) << text;
  ASSERT_EQ(cli("-r '" + pcap.string() + "' -z timeline,udp,0 --diagram mermaid", mmd), 0) << mmd;
  EXPECT_EQ(test::count_lines_matching(mmd, "->>"), 3u) << mmd;
  EXPECT_EQ(cli("-r '" + pcap.string() + "' -q -z timeline,udp,5", text), 0);
  EXPECT_NE(text.find("no UDP stream 5 in this capture"), std::string::npos) << text;
  fs::remove(pcap);

  const fs::path ping = test::corpus_dir() / "pcaps" / "sv__bug-4663-02__icmp.pcap";
  std::string icmp;
  ASSERT_EQ(cli("-r '" + ping.string() + "' -z timeline,icmp,0 --diagram plantuml", icmp), 0) << icmp;
  EXPECT_EQ(test::count_lines_matching(icmp, "^n[01] -> n[01] : \\[[0-9]+\\] Echo \\(ping\\) request"), 5u) << icmp;
  EXPECT_EQ(test::count_lines_matching(icmp, "^n[01] -> n[01] : \\[[0-9]+\\] Echo \\(ping\\) reply"), 5u) << icmp;
  EXPECT_NE(icmp.find("\\nrtt "), std::string::npos) << icmp;
}

}  // namespace
}  // namespace wirelab
