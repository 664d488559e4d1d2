// A scenario shown while it runs: rows, conversations, the timeline and its socket calls
// appear before the run ends; Stop ends it early; the end reconciles with the run's report
// and saves like `wirelab-cli run -w`.
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <ctime>

#include "gui/conversation_model.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"
#include "gui/scenario_launcher.hpp"
#include "gui/scenario_loader.hpp"
#include "gui/timeline_panel.hpp"

namespace wirelab::gui {
namespace {

std::int64_t now_realtime_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// What the window showed while the loader was still running.
struct SeenWhileRunning {
  int rows = 0;                   // packet rows at the first flush during the run
  std::int64_t first_row_lag_ns = -1;  // from the first packet's capture stamp to its row
  int snapshots = 0;
  int conversations = 0;
  std::size_t diagrams = 0;
  std::size_t event_marks = 0;    // socket calls on the timeline's application lanes
};

// Heartbeat that would ping 21 times, 300 ms apart (over 6 s); Stop is clicked as soon as the
// window shows the connection live (its row, its timeline with socket calls). The run then
// ends after a ping or two: only a view that is live could have stopped it there.
TEST(ScenarioLive, RowsShowWhileRunningAndStopEndsTheRunEarly) {
  MainWindow w;
  w.setQuiet(true);
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  SeenWhileRunning seen;
  QObject::connect(w.packetModel(), &PacketListModel::rowsFlushed, &w, [&](int total) {
    if (seen.rows > 0 || total == 0 || !w.scenarioLoader()->running()) return;
    seen.rows = total;
    seen.first_row_lag_ns = now_realtime_ns() - w.packetModel()->store().record(0).ts_ns;
  });
  QObject::connect(w.scenarioLoader(), &ScenarioLoader::runProgress, &w, [&](const std::shared_ptr<LoadedCapture>& s) {
    // The window handled the snapshot first (connected before this test's slot).
    if (!w.scenarioLoader()->running() || !s->running) return;
    ++seen.snapshots;
    seen.conversations = std::max(seen.conversations, w.conversations()->rowCount());
    seen.diagrams = std::max(seen.diagrams, w.timeline()->view()->renderer().diagrams().size());
    seen.event_marks = std::max(seen.event_marks, w.timeline()->view()->renderer().events().size());
    if (seen.rows > 0 && seen.conversations > 0 && seen.diagrams > 0 && seen.event_marks > 0 &&
        w.launcher()->stopButton()->isEnabled())
      w.launcher()->stopButton()->click();
  });
  servers::ScenarioOptions options;
  options.model = "thread";
  options.extra = {{"answered", "20"}, {"interval-ms", "300"}};
  options.time_limit = std::chrono::seconds(30);
  w.runScenario("heartbeat", options);
  ASSERT_TRUE(loaded.wait(60000));
  const auto run = w.capture();
  ASSERT_TRUE(run);
  if (!run->source && run->note.find("permission") != std::string::npos) GTEST_SKIP() << run->note;
  ASSERT_TRUE(run->source) << run->note;
  EXPECT_FALSE(run->running);

  // Live: rows, a conversation, its timeline with socket calls, all before the end.
  EXPECT_GT(seen.rows, 0) << "no packet row appeared while the run was going";
  EXPECT_GE(seen.snapshots, 1);
  EXPECT_EQ(seen.conversations, 1);
  EXPECT_EQ(seen.diagrams, 1u);
  EXPECT_GT(seen.event_marks, 0u) << "socket calls reach the timeline while the run goes";
  RecordProperty("first_row_lag_ms", std::to_string(static_cast<double>(seen.first_row_lag_ns) / 1e6));

  // Stopped early: the note says so, and the client sent only a few of its 21 pings.
  EXPECT_NE(run->note.find("stopped"), std::string::npos) << run->note;
  int pings = 0;
  for (const auto& e : run->events)
    if (e.call == decode::SocketCall::Send && e.actor.rfind("client", 0) == 0) ++pings;
  EXPECT_LT(pings, 6);
  EXPECT_FALSE(w.launcher()->stopButton()->isEnabled());

  // The end is the report: every packet of it is a row, and saving writes the run exactly as
  // the CLI's -w does; opened again it shows the same rows and socket calls.
  const int rows = w.packetModel()->rowCount();
  EXPECT_EQ(static_cast<std::uint64_t>(rows), run->packets);
  EXPECT_GE(rows, seen.rows);
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString saved = dir.filePath("stopped.pcapng");
  ASSERT_TRUE(w.saveAs(saved)) << w.lastError().toStdString();
  const std::size_t events = run->events.size();
  std::vector<std::int64_t> stamps;
  for (int r = 0; r < rows; ++r) stamps.push_back(w.packetModel()->store().record(static_cast<std::size_t>(r)).ts_ns);
  ASSERT_TRUE(w.openFile(saved));
  ASSERT_TRUE(loaded.wait(30000));
  ASSERT_EQ(w.packetModel()->rowCount(), rows);
  for (int r = 0; r < rows; ++r)
    EXPECT_EQ(w.packetModel()->store().record(static_cast<std::size_t>(r)).ts_ns, stamps[static_cast<std::size_t>(r)]);
  EXPECT_EQ(w.capture()->events.size(), events);
}

}  // namespace
}  // namespace wirelab::gui
