// Conversations and their timelines in the window: selecting a conversation filters the
// packet list and draws its sequence diagram with one arrow per segment, the endpoints' state
// bands in the order the tracker inferred them, and the handshake/teardown named by kind.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTableView>

#include <gtest/gtest.h>

#include "conversation_builder.hpp"
#include "corpus_support.hpp"
#include "decode/timeline.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "gui/conversation_model.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"
#include "gui/timeline_panel.hpp"
#include "gui_test_support.hpp"

namespace wirelab::gui {
namespace {

using test::ConversationBuilder;
constexpr bool C = true, S = false;

// The states a lane's bands show, top to bottom.
std::vector<decode::TcpState> lane_states(const TimelineRenderer& r, int lane) {
  std::vector<decode::TcpState> out;
  for (const auto& b : r.bands())
    if (b.lane == lane) out.push_back(b.state);
  return out;
}

// The distinct successive states the library's diagram gives one side.
std::vector<decode::TcpState> diagram_states(const decode::SequenceDiagram& d, std::size_t node) {
  std::vector<decode::TcpState> out;
  for (const auto& it : d.items) {
    const auto s = it.state_after[node];
    if (it.kind == decode::SequenceItemKind::Packet && s != decode::TcpState::Unknown && (out.empty() || out.back() != s))
      out.push_back(s);
  }
  return out;
}

QString phase_names(const TimelineRenderer& r) {
  QStringList names;
  for (const auto& p : r.phases()) names << p.name;
  return names.join(" | ");
}

TEST(Conversations, SelectingOneFiltersThePacketsAndDrawsItsTimeline) {
  auto w = test::open_in_window((test::source_dir() / "resources/captures/echo-epoll-3clients.pcapng").string());
  ConversationModel* conv = w->conversations();
  QAbstractItemModelTester tester(conv, QAbstractItemModelTester::FailureReportingMode::Fatal);
  ASSERT_GE(conv->rowCount(), 1);
  EXPECT_EQ(conv->data(conv->index(0, ConversationModel::kProto), Qt::DisplayRole).toString(), "TCP");
  EXPECT_EQ(conv->data(conv->index(0, ConversationModel::kConnState), Qt::DisplayRole).toString(), "SF");
  const int all = w->packetModel()->rowCount();
  w->selectConversations({0});
  const auto& capture = *w->capture();
  const decode::TcpConnection* c = capture.trackers->tcp().stream(0);
  ASSERT_NE(c, nullptr);
  const auto packets = static_cast<int>(c->client().packets + c->server().packets);
  EXPECT_EQ(w->packetModel()->rowCount(), packets);
  EXPECT_LE(packets, all);
  const TimelineRenderer& r = w->timeline()->view()->renderer();
  ASSERT_EQ(r.diagrams().size(), 1u);
  EXPECT_EQ(static_cast<int>(r.arrows().size()), packets) << "one arrow per segment";
  ASSERT_EQ(r.lanes().size(), 2u);
  EXPECT_NE(r.lanes()[0].address, r.lanes()[1].address) << "client and server lanes on loopback stay apart";
  EXPECT_EQ(lane_states(r, 0), diagram_states(r.diagrams()[0], 0));
  EXPECT_EQ(lane_states(r, 1), diagram_states(r.diagrams()[0], 1));
  EXPECT_EQ(lane_states(r, 0).front(), decode::TcpState::SynSent);
  // Clicking an arrow selects its packet in the list.
  const auto& third = r.arrows()[2];
  emit w->timeline()->view()->frameClicked(third.frame);
  EXPECT_EQ(w->packetModel()->packetIndex(w->packetList()->currentIndex().row()) + 1, third.frame);
  // Clearing the selection shows every packet again.
  w->conversationView()->clearSelection();
  EXPECT_EQ(w->packetModel()->rowCount(), all);
}

struct Kind {
  const char* name;
  std::function<void(ConversationBuilder&)> build;
  const char* phases;                    // the renderer's phase names
  std::vector<decode::TcpState> client;  // the client's bands, top to bottom
};

TEST(Conversations, EachHandshakeAndTeardownKindIsDrawnAndNamed) {
  using enum decode::TcpState;
  const std::vector<Kind> kinds = {
      {"three-way open, four-way close",
       [](ConversationBuilder& b) {
         b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001).tcp(C, "P.", 1001, 5001, "hello")
             .tcp(S, ".", 5001, 1006).tcp(C, "F.", 1006, 5001).tcp(S, ".", 5001, 1007).tcp(S, "F.", 5001, 1007)
             .tcp(C, ".", 1007, 5002);
       },
       "handshake: three-way | teardown: four-way", {SynSent, Established, FinWait1, FinWait2, TimeWait}},
      {"three-way close",
       [](ConversationBuilder& b) {
         b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001).tcp(C, "F.", 1001, 5001)
             .tcp(S, "F.", 5001, 1002).tcp(C, ".", 1002, 5002);
       },
       "handshake: three-way | teardown: three-way", {}},
      {"refused",
       [](ConversationBuilder& b) { b.tcp(C, "S", 1000, 0).tcp(S, "R.", 0, 1001); },
       "handshake: refused", {}},
      {"reset by client",
       [](ConversationBuilder& b) {
         b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001).tcp(C, "R.", 1001, 5001);
       },
       "handshake: three-way | teardown: reset-by-client", {}},
  };
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  for (const Kind& k : kinds) {
    SCOPED_TRACE(k.name);
    ConversationBuilder b;
    k.build(b);
    const std::string path = dir.filePath(QString::fromLatin1(k.name).replace(' ', '_') + ".pcap").toStdString();
    b.write_pcap(path);
    auto w = test::open_in_window(path);
    ASSERT_EQ(w->conversations()->rowCount(), 1);
    w->selectConversations({0});
    const TimelineRenderer& r = w->timeline()->view()->renderer();
    EXPECT_EQ(r.arrows().size(), b.frames().size()) << "one arrow per segment";
    EXPECT_EQ(lane_states(r, 0), diagram_states(r.diagrams()[0], 0));
    EXPECT_EQ(lane_states(r, 1), diagram_states(r.diagrams()[0], 1));
    if (!k.client.empty()) {
      EXPECT_EQ(lane_states(r, 0), k.client);
    }
    // The tracker's kinds name the shaded phases ("handshake: three-way", "teardown: ...").
    const QString names = phase_names(r);
    for (const QString& want : QString::fromLatin1(k.phases).split(" | "))
      EXPECT_TRUE(names.contains(want)) << names.toStdString() << " lacks " << want.toStdString();
    // And it renders.
    QTemporaryDir out;
    EXPECT_TRUE(w->timeline()->exportTo(out.filePath("t.png")));
    EXPECT_TRUE(w->timeline()->exportTo(out.filePath("t.svg")));
  }
}

TEST(Conversations, TheTimelineOfEveryCorpusTcpCaptureHasAnArrowPerSegment) {
  std::size_t drawn = 0;
  for (const std::string name : {"sv__tcp-split-handshake-01-4whs__split-handshake-4whs.pcap",
                                 "sv__bug-6244-tcp-rst-with-data__tcp-rst-with-data.pcap", "tcp-handshake-nano.pcap",
                                 "bgp-4byte-asn.pcap", "sv__bug-4376__syn_retransmit_with_ts.pcap"}) {
    SCOPED_TRACE(name);
    auto w = test::open_in_window((test::corpus_dir() / "pcaps" / name).string());
    const auto& tcp = w->capture()->trackers->tcp().connections();
    for (const decode::TcpConnection& c : tcp) {
      const int row = w->conversations()->rowOf(ConversationModel::Kind::Tcp, c.stream());
      ASSERT_GE(row, 0);
      w->selectConversations({row});
      const TimelineRenderer& r = w->timeline()->view()->renderer();
      ASSERT_EQ(r.diagrams().size(), 1u);
      EXPECT_EQ(r.arrows().size(), c.client().packets + c.server().packets) << "stream " << c.stream();
      EXPECT_EQ(w->packetModel()->rowCount(), static_cast<int>(c.client().packets + c.server().packets));
      ++drawn;
    }
  }
  EXPECT_GT(drawn, 8u);
}

}  // namespace
}  // namespace wirelab::gui
