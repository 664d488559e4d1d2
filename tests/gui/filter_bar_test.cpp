// The display-filter bar: a filter that compiles narrows the packet list to the packets the
// CLI's -Y keeps; one that does not leaves the list alone and says what is wrong, and where.
#include "gui/filter_bar.hpp"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>

#include "gui/conversation_model.hpp"
#include "gui/main_window.hpp"
#include "gui_test_support.hpp"

namespace wirelab::gui {
namespace {

// The frame numbers `wirelab-cli -r FILE -Y FILTER` prints.
std::vector<std::string> cli_frames(const std::string& name, const std::string& filter) {
  std::string out;
  test::run_command(std::string(WIRELAB_CLI_PATH) + " -r '" + test::corpus_pcap(name) + "' -Y '" + filter +
                        "' -T fields -e frame.number",
                    out);
  std::vector<std::string> frames;
  for (const std::string& l : test::split(out, '\n'))
    if (!l.empty()) frames.push_back(l);
  return frames;
}

TEST(FilterBar, ShowsThePacketsTheCliKeeps) {
  const std::string name = "bgp-4byte-asn.pcap";
  auto w = test::open_in_window(test::corpus_pcap(name));
  PacketListModel* model = w->packetModel();
  QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  const int all = model->rowCount();
  for (const std::string filter : {"tcp.flags.reset == 1", "tcp.srcport == 179 && tcp.len > 0", "arp", "!tcp"}) {
    SCOPED_TRACE(filter);
    w->filterBar()->apply(QString::fromStdString(filter));
    const auto want = cli_frames(name, filter);
    ASSERT_EQ(model->rowCount(), static_cast<int>(want.size()));
    for (int r = 0; r < model->rowCount(); ++r)
      EXPECT_EQ(model->data(model->index(r, PacketListModel::kNumber), Qt::DisplayRole).toString().toStdString(),
                want[static_cast<std::size_t>(r)]);
  }
  w->filterBar()->apply("");
  EXPECT_EQ(model->rowCount(), all);
}

TEST(FilterBar, ABadFilterSaysWhereAndKeepsTheList) {
  auto w = test::open_in_window(test::corpus_pcap("bgp-4byte-asn.pcap"));
  const int all = w->packetModel()->rowCount();
  w->filterBar()->apply("tcp.port == 17x9");
  EXPECT_EQ(w->packetModel()->rowCount(), all);
  const auto* message = w->filterBar()->findChild<QLabel*>();
  ASSERT_NE(message, nullptr);
  EXPECT_FALSE(message->isHidden());
  EXPECT_TRUE(message->text().contains("17x9")) << message->text().toStdString();
  EXPECT_TRUE(message->text().contains("^")) << "a caret under the culprit";
}

// The conversations dock, as a user reads it: "PROTO STREAM" of each row not hidden.
QStringList visible_conversations(const MainWindow& w) {
  QStringList rows;
  const QTableView* view = w.conversationView();
  const QAbstractItemModel* m = view->model();
  for (int r = 0; r < m->rowCount(); ++r)
    if (!view->isRowHidden(r))
      rows << m->index(r, ConversationModel::kProto).data().toString() + " " +
                  m->index(r, ConversationModel::kStream).data().toString();
  return rows;
}

TEST(FilterBar, LimitsTheConversationsToThoseWithPacketsShown) {
  auto w = test::open_in_window(test::corpus_pcap("bgp-4byte-asn.pcap"));
  const QStringList all = visible_conversations(*w);
  ASSERT_GE(all.filter("TCP").size(), 6);
  ASSERT_GE(all.filter("ARP").size(), 2);

  w->filterBar()->apply("tcp.stream == 2");
  EXPECT_EQ(visible_conversations(*w), QStringList{"TCP 2"});

  w->filterBar()->apply("arp");  // every ARP exchange, no TCP connection
  const QStringList arp = visible_conversations(*w);
  EXPECT_EQ(arp.size(), all.filter("ARP").size());
  EXPECT_TRUE(arp.filter("TCP").isEmpty());

  // With a conversation selected too, the dock still follows the display filter alone.
  w->filterBar()->apply("tcp.port == 179");
  EXPECT_EQ(visible_conversations(*w), all.filter("TCP"));
  w->conversationView()->selectRow(0);
  EXPECT_EQ(visible_conversations(*w), all.filter("TCP"));
  EXPECT_LT(w->packetModel()->rowCount(), 25);  // the list shows that one connection's packets

  w->conversationView()->clearSelection();
  w->filterBar()->apply("");
  EXPECT_EQ(visible_conversations(*w), all);
}

QStringList menu_texts(const FilterBar& bar) {
  QStringList texts;
  for (const QAction* a : bar.recentMenu()->actions()) texts << a->text();
  return texts;
}

TEST(FilterBar, RemembersAppliedFiltersNewestFirstAcrossRuns) {
  QSettings().clear();
  {
    FilterBar bar;
    EXPECT_TRUE(bar.recentFilters().isEmpty());
    bar.apply("tcp");
    bar.apply("udp.port == 53");
    bar.apply("tcp.port == 17x9");  // does not compile: not remembered
    bar.apply("  tcp ");            // again (spaces trimmed): moves to the top
    bar.apply("");                  // clearing is no filter to remember
    EXPECT_EQ(bar.recentFilters(), (QStringList{"tcp", "udp.port == 53"}));
    EXPECT_EQ(menu_texts(bar), bar.recentFilters());
    for (int i = 0; i < FilterBar::kMaxRecent + 5; ++i) bar.apply(QString("frame.number == %1").arg(i));
    ASSERT_EQ(bar.recentFilters().size(), FilterBar::kMaxRecent);
    EXPECT_EQ(bar.recentFilters().front(), QString("frame.number == %1").arg(FilterBar::kMaxRecent + 4));
  }
  // A new bar (the next run of the app) offers the same history; choosing an entry applies it.
  FilterBar again;
  ASSERT_EQ(menu_texts(again).size(), FilterBar::kMaxRecent);
  QSignalSpy applied(&again, &FilterBar::filterApplied);
  again.recentMenu()->actions().back()->trigger();
  EXPECT_EQ(applied.count(), 1);
  EXPECT_EQ(again.edit()->text(), QString("frame.number == 5"));
  EXPECT_EQ(again.recentFilters().front(), QString("frame.number == 5"));
  QSettings().clear();
}

}  // namespace
}  // namespace wirelab::gui
