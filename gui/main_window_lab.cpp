// MainWindow's lab parts, kept apart from main_window.cpp: the topology dock, the Lab menu,
// running lab scenarios from the launcher, and showing the topology for a lab capture.
#include <QDockWidget>
#include <QFont>
#include <QFontDatabase>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>

#include <algorithm>

#include "gui/lab_menu.hpp"
#include "gui/lab_scenario_group.hpp"
#include "gui/lab_scenario_loader.hpp"
#include "gui/lab_topology_view.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"
#include "gui/scenario_launcher.hpp"
#include "gui/server_model_panel.hpp"
#include "servers/lab_packet_hop.hpp"

namespace wirelab::gui {

namespace {
// A capture is a lab capture when one of its first frames comes from a lab interface.
constexpr std::size_t kFramesLookedAt = 64;
}  // namespace

void MainWindow::buildLab() {
  lab_view_ = new LabTopologyView;
  lab_dock_ = new QDockWidget(tr("Lab topology"), this);
  lab_dock_->setObjectName("lab");
  lab_dock_->setWidget(lab_view_);
  addDockWidget(Qt::RightDockWidgetArea, lab_dock_);
  tabifyDockWidget(server_model_dock_, lab_dock_);
  lab_dock_->hide();

  lab_menu_ = new LabMenu(this);
  connect(lab_menu_, &LabMenu::done, this,
          [this](const QString& what, bool ok, const QString& title, const QString& text) {
            if (!ok) return showError(title, text);
            if (what == "up") showDock("lab");
            if (what != "status" || quiet_) {
              statusBar()->showMessage(text.trimmed(), 10000);
              return;
            }
            QMessageBox box(QMessageBox::Information, title, QStringLiteral("<pre>%1</pre>").arg(text.toHtmlEscaped()),
                            QMessageBox::Ok, this);
            box.exec();
          });
  connect(launcher_, &ScenarioLauncher::labRunRequested, this,
          [this](const QString& name, const servers::ScenarioOptions& o) { runLabScenario(name, o); });
  connect(this, &MainWindow::captureLoaded, this, [this] { showLabIfLabCapture(); });
}

void MainWindow::runLabScenario(const QString& scenario, const servers::ScenarioOptions& options) {
  path_.clear();
  startLoading(tr("%1 on the lab (running)").arg(scenario));
  progress_->setRange(0, 0);  // busy: the run reports its packets when it ends
  progress_->setFormat(tr("Running %1 on the lab").arg(scenario));
  launcher_->labScenarios()->select(scenario);
  launcher_->setLabRun(true);
  launcher_->setRunning(true);
  lab_loader_->start(scenario.toStdString(), options);
}

std::string_view MainWindow::capturedOn(std::size_t index) const {
  if (!capture_ || index >= capture_->interface_ids.size()) return {};
  const std::uint32_t id = capture_->interface_ids[index];
  return id < capture_->interfaces.size() ? std::string_view(capture_->interfaces[id]) : std::string_view();
}

void MainWindow::showLabIfLabCapture() {
  showCurrentPacket();  // again, now that the capture says which interface each packet came from
  const PacketStore& store = model_->store();
  MaterializedPacket m;
  for (std::size_t i = 0; i < std::min(store.size(), kFramesLookedAt); ++i) {
    store.materialize(i, m);
    if (servers::lab_hop_of(m.packet)) {
      showDock("lab");
      return;
    }
  }
}

}  // namespace wirelab::gui
