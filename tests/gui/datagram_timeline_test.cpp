// UDP flows, TFTP transfers and ICMP echo sessions in the window: each is a row of the
// conversations table; selecting it filters the packet list to its packets and draws its
// timeline (one arrow per packet, TFTP on three lanes); the timeline exports as PlantUML and
// Mermaid text (PlantUML's parser accepts it) and as SVG an XML parser reads.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>


#include "corpus_support.hpp"
#include "diagram_check.hpp"
#include "gui/conversation_model.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"
#include "gui/timeline_panel.hpp"
#include "gui_test_support.hpp"

namespace wirelab::gui {
namespace {

std::string read_all(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll().toStdString();
}

TEST(DatagramTimelines, TftpTransferRowDrawsEveryPacketOnThreeLanesAndExports) {
  auto w = test::open_in_window(test::corpus_pcap("tftp_oack.pcap"));
  ConversationModel* conv = w->conversations();
  const int row = conv->rowOf(ConversationModel::Kind::Tftp, 0);
  ASSERT_GE(row, 0);
  EXPECT_EQ(conv->data(conv->index(row, ConversationModel::kProto), Qt::DisplayRole).toString(), "TFTP");
  EXPECT_EQ(conv->data(conv->index(row, ConversationModel::kTeardown), Qt::DisplayRole).toString(), "complete");
  w->selectConversations({row});
  EXPECT_EQ(w->packetModel()->rowCount(), 7);  // every packet of the capture is this transfer's
  const TimelineRenderer& r = w->timeline()->view()->renderer();
  ASSERT_EQ(r.diagrams().size(), 1u);
  EXPECT_EQ(r.arrows().size(), 7u);
  ASSERT_EQ(r.lanes().size(), 3u);  // client, server port 69, server transfer port
  EXPECT_EQ(r.lanes()[2].role, "server (transfer)");
  EXPECT_TRUE(r.arrows()[0].label.startsWith("Read Request, File: ")) << r.arrows()[0].label.toStdString();
  QStringList phases;
  for (const auto& p : r.phases()) phases << p.name;
  EXPECT_TRUE(phases.join("|").contains("request: read ")) << phases.join("|").toStdString();

  QTemporaryDir dir;
  ASSERT_TRUE(w->timeline()->exportTo(dir.filePath("t.puml")));
  ASSERT_TRUE(w->timeline()->exportTo(dir.filePath("t.mmd")));
  ASSERT_TRUE(w->timeline()->exportTo(dir.filePath("t.svg")));
  const std::string puml = read_all(dir.filePath("t.puml"));
  EXPECT_EQ(puml.rfind("@startuml", 0), 0u);
  EXPECT_EQ(test::count_lines_matching(puml, "^n[0-2] -> n[0-2] : \\[[0-9]+\\] "), 7u) << puml;
  const std::string mmd = read_all(dir.filePath("t.mmd"));
  EXPECT_EQ(mmd.rfind("sequenceDiagram", 0), 0u);
  EXPECT_EQ(test::count_lines_matching(mmd, "->>"), 7u) << mmd;
  QFile svg(dir.filePath("t.svg"));
  ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&svg);
  while (!xml.atEnd()) xml.readNext();
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  if (!test::tool_available("plantuml")) GTEST_SKIP() << "plantuml not installed: syntax not checked";
  EXPECT_EQ(test::plantuml_verdict(puml), "");
}

TEST(DatagramTimelines, IcmpEchoSessionAndUdpFlowRows) {
  auto w = test::open_in_window(test::corpus_pcap("sv__bug-4663-02__icmp.pcap"));
  ConversationModel* conv = w->conversations();
  const int row = conv->rowOf(ConversationModel::Kind::Icmp, 0);
  ASSERT_GE(row, 0);
  EXPECT_EQ(conv->data(conv->index(row, ConversationModel::kPackets), Qt::DisplayRole).toString(), "5 / 5");
  w->selectConversations({row});
  EXPECT_EQ(w->packetModel()->rowCount(), 10);
  const TimelineRenderer& r = w->timeline()->view()->renderer();
  EXPECT_EQ(r.arrows().size(), 10u);
  EXPECT_TRUE(r.bands().empty()) << "no TCP states to draw for ICMP";

  auto u = test::open_in_window(test::corpus_pcap("syslog_udp.pcap"));
  ConversationModel* uc = u->conversations();
  const int urow = uc->rowOf(ConversationModel::Kind::Udp, 0);
  ASSERT_GE(urow, 0);
  u->selectConversations({urow});
  const TimelineRenderer& ur = u->timeline()->view()->renderer();
  ASSERT_EQ(ur.diagrams().size(), 1u);
  EXPECT_EQ(static_cast<int>(ur.arrows().size()), u->packetModel()->rowCount());
  EXPECT_GE(ur.arrows().size(), 1u);
}

}  // namespace
}  // namespace wirelab::gui
