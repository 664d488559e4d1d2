// The display-filter bar: a filter that compiles narrows the packet list to the packets the
// CLI's -Y keeps; one that does not leaves the list alone and says what is wrong, and where.
#include "gui/filter_bar.hpp"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>

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

}  // namespace
}  // namespace wirelab::gui
