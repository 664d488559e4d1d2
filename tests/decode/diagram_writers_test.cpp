// The diagram writers (text, PlantUML, Mermaid, SVG) on textbook connections: every segment a
// message in capture order, each endpoint's state changes shown, the handshake and teardown
// grouped and named, socket calls beside their endpoint, and packet text that cannot break the
// syntax. PlantUML's own parser and an XML parser judge the output where they are installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "conversation_builder.hpp"
#include "corpus_support.hpp"
#include "diagram_check.hpp"
#include "decode/diagram_format.hpp"
#include "decode/diagram_mermaid.hpp"
#include "decode/diagram_plantuml.hpp"
#include "decode/diagram_rows.hpp"
#include "decode/diagram_svg.hpp"
#include "decode/diagram_text.hpp"
#include "decode/timeline.hpp"
#include "decode/track/tcp_tracker.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
constexpr bool C = true, S = false;

// Three-way handshake, data both ways, four-way close (client closes first).
decode::SequenceDiagram textbook() {
  test::ConversationBuilder b(0x7f000001, 46000, 0x7f000001, 7);
  b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001)
      .tcp(C, "P.", 1001, 5001, "hello").tcp(S, "P.", 5001, 1006, "hello")
      .tcp(C, "F.", 1006, 5006).tcp(S, ".", 5006, 1007).tcp(S, "F.", 5006, 1007).tcp(C, ".", 1007, 5007);
  decode::Trackers t;
  t.record_sequences(true);
  test::track(b.frames(), t);
  decode::SequenceDiagram d = decode::tcp_sequence_diagram(t.tcp().connections().at(0));
  d.time_origin_ns = t.first_ts_ns();
  const std::int64_t t1 = b.frames()[0].ts_ns;
  std::vector<decode::SocketEvent> events;
  events.push_back({.ts_ns = t1 - 100, .pid = 10, .fd = 3, .call = decode::SocketCall::Connect,
                    .peer = {0x7f000001, 7}, .actor = "client"});
  events.push_back({.ts_ns = t1 + 2500, .pid = 10, .fd = 3, .call = decode::SocketCall::ConnectReturn,
                    .local = {0x7f000001, 46000}, .peer = {0x7f000001, 7}, .actor = "client"});
  events.push_back({.ts_ns = t1 + 1500, .pid = 20, .fd = 4, .call = decode::SocketCall::Accept, .result = 5,
                    .local = {0x7f000001, 7}, .peer = {0x7f000001, 46000}, .actor = "server"});
  decode::Timeline::merge_into(d, events);
  return d;
}

// Lines of `text` that match `re`, in order.
std::vector<std::string> lines_matching(const std::string& text, const std::string& re) {
  std::vector<std::string> out;
  std::istringstream in(text);
  const std::regex r(re);
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, r)) out.push_back(line);
  return out;
}

std::size_t pos(const std::string& text, const std::string& what) {
  const std::size_t p = text.find(what);
  EXPECT_NE(p, std::string::npos) << "missing \"" << what << "\" in:\n" << text;
  return p;
}

TEST(DiagramRows, StateChangesAndPhaseGroups) {
  const decode::SequenceDiagram d = textbook();
  const auto rows = decode::diagram_rows(d);
  ASSERT_EQ(rows.size(), 12u);  // 9 segments + connect, accept, connect-return
  // connect() comes before the SYN and outside any group; accept() sits inside the handshake.
  EXPECT_EQ(rows[0].item->label, "connect()");
  EXPECT_TRUE(rows[0].opens_group.empty());
  EXPECT_EQ(rows[1].opens_group, "handshake: three-way");
  EXPECT_TRUE(rows[1].state_changed[0]);   // SYN: client CLOSED -> SYN-SENT
  EXPECT_FALSE(rows[1].state_changed[1]);  // server stays in LISTEN
  EXPECT_EQ(rows[3].item->label, "accept() = 5");
  EXPECT_FALSE(rows[3].closes_group);
  int opened = 0, closed = 0;
  for (const auto& r : rows) {
    opened += !r.opens_group.empty();
    closed += r.closes_group;
  }
  EXPECT_EQ(opened, 2);
  EXPECT_EQ(closed, 2);
  EXPECT_EQ(rows.back().item->frame, 9u);
  EXPECT_TRUE(rows.back().closes_group);
}

TEST(DiagramWriters, PlantUmlHasEveryMessageInOrderWithStatesGroupsAndCalls) {
  const std::string puml = decode::plantuml_diagram(textbook());
  EXPECT_EQ(puml.rfind("@startuml\n", 0), 0u);
  EXPECT_NE(puml.find("@enduml\n"), std::string::npos);
  // Addresses are quoted display names, never participant ids (':' is not allowed there).
  EXPECT_NE(puml.find("participant \"client\\n127.0.0.1:46000\" as n0"), std::string::npos) << puml;
  EXPECT_NE(puml.find("participant \"server\\n127.0.0.1:7\" as n1"), std::string::npos) << puml;
  const auto messages = lines_matching(puml, "^n[01] -> n[01] : ");
  ASSERT_EQ(messages.size(), 9u) << puml;
  const char* const expected[] = {"n0 -> n1 : [1] SYN\\nSeq = 0",
                                  "n1 -> n0 : [2] SYN, ACK\\nSeq = 0 Ack = 1",
                                  "n0 -> n1 : [3] ACK\\nSeq = 1 Ack = 1",
                                  "n0 -> n1 : [4] PSH, ACK - Len: 5\\nSeq = 1 Ack = 1",
                                  "n1 -> n0 : [5] PSH, ACK - Len: 5\\nSeq = 1 Ack = 6",
                                  "n0 -> n1 : [6] FIN, ACK\\nSeq = 6 Ack = 6",
                                  "n1 -> n0 : [7] ACK\\nSeq = 6 Ack = 7",
                                  "n1 -> n0 : [8] FIN, ACK\\nSeq = 6 Ack = 7",
                                  "n0 -> n1 : [9] ACK\\nSeq = 7 Ack = 7"};
  for (std::size_t i = 0; i < 9; ++i) EXPECT_EQ(messages[i], expected[i]);
  // The states before the first packet, then each change right after the packet that caused it.
  const std::size_t start = pos(puml, "hnote over n0 : CLOSED\n/ hnote over n1 : LISTEN\n");
  const std::size_t synack = pos(puml, "[2] SYN, ACK\\nSeq = 0 Ack = 1\nhnote over n0 : ESTABLISHED\n/ hnote over n1 : SYN-RECEIVED\n");
  const std::size_t fin2 = pos(puml, "[8] FIN, ACK\\nSeq = 6 Ack = 7\nhnote over n0 : TIME-WAIT\n/ hnote over n1 : LAST-ACK\n");
  EXPECT_LT(start, synack);
  EXPECT_LT(synack, fin2);
  EXPECT_LT(pos(puml, "group handshake: three-way\n"), pos(puml, "[1] SYN"));
  EXPECT_LT(pos(puml, "[3] ACK"), pos(puml, "end\n"));
  EXPECT_LT(pos(puml, "group teardown: four-way\n"), pos(puml, "[6] FIN"));
  // Socket calls as notes beside their endpoint.
  EXPECT_LT(pos(puml, "note left of n0 : connect()\\nclient fd 3\n"), pos(puml, "[1] SYN"));
  EXPECT_NE(puml.find("note right of n1 : accept() = 5\\nserver fd 4\n"), std::string::npos) << puml;
  if (!test::tool_available("plantuml")) GTEST_SKIP() << "plantuml is not installed (scripts/deps.sh installs it): syntax not checked";
  EXPECT_EQ(test::plantuml_verdict(puml), "");
}

TEST(DiagramWriters, MermaidHasOneArrowPerSegmentNotesAndRects) {
  const std::string mmd = decode::mermaid_diagram(textbook());
  EXPECT_EQ(mmd.rfind("sequenceDiagram\n", 0), 0u);
  EXPECT_NE(mmd.find("    participant n0 as client 127.0.0.1#58;46000\n"), std::string::npos) << mmd;
  EXPECT_NE(mmd.find("    participant n1 as server 127.0.0.1#58;7\n"), std::string::npos) << mmd;
  const auto arrows = lines_matching(mmd, "->>");
  ASSERT_EQ(arrows.size(), 9u) << mmd;
  EXPECT_EQ(arrows[0], "    n0->>n1: [1] SYN<br/>Seq = 0");
  EXPECT_EQ(arrows[1], "    n1->>n0: [2] SYN, ACK<br/>Seq = 0 Ack = 1");
  EXPECT_EQ(arrows[8], "    n0->>n1: [9] ACK<br/>Seq = 7 Ack = 7");
  pos(mmd, "[2] SYN, ACK<br/>Seq = 0 Ack = 1\n    Note over n0: ESTABLISHED\n    Note over n1: SYN-RECEIVED\n");
  pos(mmd, "[8] FIN, ACK<br/>Seq = 6 Ack = 7\n    Note over n0: TIME-WAIT\n    Note over n1: LAST-ACK\n");
  // Two shaded phases, each opened, named and closed; the rect and end lines balance.
  EXPECT_EQ(lines_matching(mmd, "^    rect ").size(), 2u);
  EXPECT_EQ(lines_matching(mmd, "^    end$").size(), 2u);
  EXPECT_LT(pos(mmd, "Note over n0,n1: handshake: three-way\n"), pos(mmd, "[1] SYN"));
  EXPECT_LT(pos(mmd, "Note over n0,n1: teardown: four-way\n"), pos(mmd, "[6] FIN"));
  EXPECT_NE(mmd.find("    Note left of n0: connect()<br/>client fd 3\n"), std::string::npos) << mmd;
  // Nothing Mermaid would read as a statement end or comment, outside the entity codes.
  for (const std::string& l : lines_matching(mmd, "."))
    EXPECT_EQ(std::regex_replace(l, std::regex("#[0-9]+;"), "").find_first_of(";#%"), std::string::npos) << l;
}

TEST(DiagramWriters, SvgIsWellFormedWithLanesArrowsAndStateBands) {
  const std::string svg = decode::svg_diagram(textbook());
  std::size_t packets = 0, calls = 0;
  for (std::size_t p = 0; (p = svg.find("<g class=\"packet\">", p)) != std::string::npos; ++p) ++packets;
  for (std::size_t p = 0; (p = svg.find("<g class=\"socket-call\">", p)) != std::string::npos; ++p) ++calls;
  EXPECT_EQ(packets, 9u);
  EXPECT_EQ(calls, 3u);
  EXPECT_LT(pos(svg, ">SYN<"), pos(svg, ">SYN, ACK<"));
  EXPECT_NE(svg.find(">127.0.0.1:46000<"), std::string::npos);
  for (const char* state : {">LISTEN<", ">SYN-SENT<", ">SYN-RECEIVED<", ">ESTABLISHED<", ">FIN-WAIT-1<",
                            ">FIN-WAIT-2<", ">CLOSE-WAIT<", ">LAST-ACK<", ">TIME-WAIT<"})
    EXPECT_NE(svg.find(state), std::string::npos) << state;
  EXPECT_NE(svg.find(">handshake: three-way<"), std::string::npos);
  if (!test::tool_available("xmllint")) GTEST_SKIP() << "xmllint (libxml2-utils) is not installed: XML not checked";
  EXPECT_EQ(test::xml_verdict(svg), "");
}

TEST(DiagramWriters, TextKeepsTheTimelineReportsColumns) {
  const std::string text = decode::text_diagram(textbook());
  EXPECT_NE(text.find("handshake: three-way"), std::string::npos);
  EXPECT_NE(text.find("states before the first packet: client CLOSED, server LISTEN"), std::string::npos);
  const auto synack = lines_matching(text, "^     2 ");
  ASSERT_EQ(synack.size(), 1u);
  EXPECT_NE(synack[0].find("<-- SYN, ACK ---"), std::string::npos) << synack[0];
  EXPECT_NE(synack[0].find("SYN-RECEIVED*"), std::string::npos) << synack[0];
}

// Addresses full of ':' (IPv6), labels with every character the syntaxes care about.
decode::SequenceDiagram hostile() {
  decode::SequenceDiagram d;
  d.title = "UDP stream 7: [2001:db8::1]:69 <-> fe80::1:5000; # %% @enduml";
  d.nodes = {{.address = "2001:db8::1:69", .role = "client \"A\""}, {.address = "fe80::1:5000", .role = "server"}};
  decode::SequenceItem a;
  a.frame = 1;
  a.label = "Read Request, File: **bold** --strike-- <b>x</b> ~~w~~ //i// __u__ [[link]] &#65; <U+0041> a;b #c %%d";
  a.comment = "back\\slash \\n end";
  a.phase = decode::SequencePhase::Handshake;
  a.phase_mark = "request: read a;b";
  decode::SequenceItem b = a;
  b.frame = 2;
  b.src_node = 1;
  b.dst_node = 0;
  b.label = std::string("Error, Message: bad\x01\xff\xc3 byte \xe2\x82\xac");  // control, invalid UTF-8, then a valid euro sign
  b.comment.clear();
  b.phase = decode::SequencePhase::Teardown;
  b.phase_mark = "end: error";
  d.items = {a, b};
  return d;
}

TEST(DiagramWriters, PacketTextIsEscapedInEveryFormat) {
  const decode::SequenceDiagram d = hostile();
  const std::string puml = decode::plantuml_diagram(d);
  EXPECT_NE(puml.find("participant \"client 'A'\\n2001:db8::1:69\" as n0"), std::string::npos) << puml;
  EXPECT_NE(puml.find("~*~*bold~*~* ~-~-strike~-~- <U+003C>b>x<U+003C>/b> &#126;&#126;w&#126;&#126; ~/~/i~/~/ ~_~_u~_~_ ~[~[link~]~] "
                      "&#38;~#65; <U+003C>U+0041> a;b ~#c %%d"),
            std::string::npos)
      << puml;
  EXPECT_NE(puml.find("back\\\\slash \\\\n end"), std::string::npos) << puml;
  EXPECT_NE(puml.find("bad??? byte \xe2\x82\xac"), std::string::npos) << puml;
  const std::string mmd = decode::mermaid_diagram(d);
  EXPECT_NE(mmd.find("participant n0 as client #34;A#34; 2001#58;db8#58;#58;1#58;69\n"), std::string::npos) << mmd;
  EXPECT_NE(mmd.find("a#59;b #35;c #37;#37;d"), std::string::npos) << mmd;
  EXPECT_NE(mmd.find("#60;b#62;x#60;/b#62;"), std::string::npos) << mmd;
  const std::string svg = decode::svg_diagram(d);
  EXPECT_NE(svg.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
  if (test::tool_available("xmllint")) {
    EXPECT_EQ(test::xml_verdict(svg), "");
  }
  if (!test::tool_available("plantuml")) GTEST_SKIP() << "plantuml is not installed (scripts/deps.sh installs it): rendering not checked";
  EXPECT_EQ(test::plantuml_verdict(puml), "");
  // Rendered, the label reads exactly as the packet said (PlantUML's SVG escapes '<' and '&').
  const fs::path p = fs::temp_directory_path() / ("wirelab_diagram_render_" + std::to_string(::getpid()) + ".puml");
  std::ofstream(p) << puml;
  std::string svg_out;
  ASSERT_EQ(test::run_command("plantuml -tsvg -pipe < '" + p.string() + "'", svg_out), 0);
  fs::remove(p);
  EXPECT_NE(svg_out.find("**bold** --strike-- &lt;b&gt;x&lt;/b&gt; ~~w~~ //i// __u__ [[link]] &amp;#65; &lt;U+0041&gt; a;b #c %%d"),
            std::string::npos)
      << svg_out;
}

TEST(DiagramFormat, NamesParse) {
  EXPECT_EQ(decode::parse_diagram_format("plantuml"), decode::DiagramFormat::PlantUml);
  EXPECT_EQ(decode::parse_diagram_format("mermaid"), decode::DiagramFormat::Mermaid);
  EXPECT_EQ(decode::parse_diagram_format("svg"), decode::DiagramFormat::Svg);
  EXPECT_EQ(decode::parse_diagram_format("text"), decode::DiagramFormat::Text);
  EXPECT_FALSE(decode::parse_diagram_format("png"));
  EXPECT_EQ(decode::write_diagram(textbook(), decode::DiagramFormat::PlantUml).rfind("@startuml", 0), 0u);
}

}  // namespace
}  // namespace wirelab
