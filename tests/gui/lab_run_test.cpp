// The lab from the GUI (root only; skipped with the reason otherwise): a lab scenario run from
// the launcher's lab group loads its multi-interface capture and opens the topology, and the
// Lab menu brings the lab up, reports it and takes it down. Every test leaves the machine's
// network state as it found it (LabMachineTest checks it in TearDown).
#include <QDockWidget>
#include <QPushButton>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <set>

#include "gui/lab_menu.hpp"
#include "gui/lab_scenario_group.hpp"
#include "gui/lab_topology_view.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"
#include "gui/scenario_launcher.hpp"
#include "servers/lab_test_support.hpp"

namespace wirelab::gui {
namespace {

class LabGuiTest : public test::LabMachineTest {};

// Runs `what` from the Lab menu and waits for its report: {ok, text}.
std::pair<bool, QString> lab_menu(LabMenu& menu, const QString& what) {
  QSignalSpy done(&menu, &LabMenu::done);
  EXPECT_TRUE(menu.run(what));
  if (!done.wait(60000)) return {false, "no answer from Lab > " + what};
  return {done.front().at(1).toBool(), done.front().at(3).toString()};
}

TEST_F(LabGuiTest, RoutedFromTheLauncherLoadsBothSegmentsAndRemovesItsLab) {
  MainWindow w;
  w.setQuiet(true);
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  LabScenarioGroup* group = w.launcher()->labScenarios();
  group->select("routed");
  ASSERT_EQ(group->scenario(), "routed");
  QPushButton* run = group->findChild<QPushButton*>();
  ASSERT_NE(run, nullptr);
  run->click();
  ASSERT_TRUE(loaded.wait(120000)) << "the run did not end";
  ASSERT_TRUE(w.capture());
  ASSERT_TRUE(w.capture()->source) << w.capture()->note;
  EXPECT_NE(w.capture()->note.find("lab brought up for this run and removed after it"), std::string::npos)
      << w.capture()->note;
  EXPECT_TRUE(test::lab_namespaces_present().empty()) << "the run removes the lab it brought up";
  EXPECT_FALSE(w.findChild<QDockWidget*>("lab")->isHidden()) << "a lab run opens the topology";

  const int rows = w.packetModel()->rowCount();
  ASSERT_GE(rows, 4) << "the TCP echo a -> d on both segments";
  std::set<int> segments;
  for (int i = 0; i < rows; ++i) {
    w.selectPacket(static_cast<std::size_t>(i));
    ASSERT_TRUE(w.labTopology()->hop()) << "frame " << i + 1 << ": " << w.labTopology()->caption().toStdString();
    segments.insert(w.labTopology()->highlightedSegment());
    const servers::LabInterface* iface = w.labTopology()->hop()->captured_on;
    ASSERT_NE(iface, nullptr) << "a lab run knows each packet's capture interface";
    EXPECT_EQ(iface->segment, w.labTopology()->highlightedSegment());
    EXPECT_TRUE(w.labTopology()->caption().contains(QString::fromUtf8(iface->name.data(), 9)));
  }
  EXPECT_EQ(segments, (std::set<int>{0, 1})) << "captured on both segments, merged into one list";
  EXPECT_TRUE(run->isEnabled()) << "the group is ready for the next run";
}

TEST_F(LabGuiTest, LabMenuBringsTheLabUpForRunsAndTakesItDown) {
  MainWindow w;
  w.setQuiet(true);
  LabMenu* menu = w.labMenu();
  auto [up, up_text] = lab_menu(*menu, "up");
  ASSERT_TRUE(up) << up_text.toStdString();
  EXPECT_FALSE(test::lab_namespaces_present().empty());
  auto [status_ok, status] = lab_menu(*menu, "status");
  EXPECT_TRUE(status_ok);
  EXPECT_TRUE(status.startsWith("lab: up")) << status.toStdString();
  EXPECT_TRUE(status.contains("wl-d-eth0")) << status.toStdString();

  // A lab scenario on the lab that is up uses it and leaves it up.
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  w.runLabScenario("arp", {});
  ASSERT_TRUE(loaded.wait(120000));
  ASSERT_TRUE(w.capture()->source) << w.capture()->note;
  EXPECT_NE(w.capture()->note.find("left up"), std::string::npos) << w.capture()->note;
  EXPECT_FALSE(test::lab_namespaces_present().empty());
  w.selectPacket(0);
  EXPECT_TRUE(w.labTopology()->caption().contains("ARP who-has")) << w.labTopology()->caption().toStdString();

  auto [down, down_text] = lab_menu(*menu, "down");
  EXPECT_TRUE(down) << down_text.toStdString();
  EXPECT_TRUE(test::lab_namespaces_present().empty());
  EXPECT_TRUE(lab_menu(*menu, "status").second.startsWith("lab: down"));
}

// Without root the lab is refused in a dialog that says why and what to do; so is a lab run.
TEST(LabGuiWithoutRoot, UpAndRunsAreRefusedWithWhatToDo) {
  if (!test::lab_skip_reason()) GTEST_SKIP() << "running as root: this checks the refusal users without root get";
  MainWindow w;
  w.setQuiet(true);
  auto [up, text] = lab_menu(*w.labMenu(), "up");
  EXPECT_FALSE(up);
  EXPECT_TRUE(text.contains("CAP_SYS_ADMIN")) << text.toStdString();
  EXPECT_TRUE(text.contains("What to do: start wirelab as root")) << text.toStdString();
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  w.runLabScenario("arp", {});
  ASSERT_TRUE(loaded.wait(30000));
  EXPECT_FALSE(w.capture()->source);
  EXPECT_TRUE(w.lastError().contains("What to do: start wirelab as root")) << w.lastError().toStdString();
  EXPECT_TRUE(w.launcher()->labScenarios()->findChild<QPushButton*>()->isEnabled());
}

}  // namespace
}  // namespace wirelab::gui
