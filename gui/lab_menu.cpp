#include "gui/lab_menu.hpp"

#include <chrono>
#include <string>

#include "servers/lab_control.hpp"
#include "servers/lab_status_report.hpp"

namespace wirelab::gui {

namespace {
constexpr std::chrono::seconds kWaitForLock{10};
}  // namespace

LabMenu::LabMenu(QWidget* parent)
    : QMenu(tr("&Lab"), parent), up_(addAction(tr("&Up"))), down_(addAction(tr("&Down"))), status_(addAction(tr("&Status"))) {
  setObjectName("lab-menu");
  up_->setToolTip(tr("Build the lab network: hosts a, b, c, router r, host d in network namespaces (needs root)"));
  down_->setToolTip(tr("Remove the lab network: every namespace, veth and bridge"));
  status_->setToolTip(tr("What of the lab exists now"));
  setToolTipsVisible(true);
  connect(up_, &QAction::triggered, this, [this] { run("up"); });
  connect(down_, &QAction::triggered, this, [this] { run("down"); });
  connect(status_, &QAction::triggered, this, [this] { run("status"); });
}

LabMenu::~LabMenu() = default;  // worker_ joins

void LabMenu::setBusy(bool busy) {
  busy_ = busy;
  for (QAction* a : {up_, down_, status_}) a->setEnabled(!busy);
}

bool LabMenu::run(const QString& what) {
  if (busy_) return false;
  setBusy(true);
  if (worker_.joinable()) worker_.join();
  const std::string op = what.toStdString();
  worker_ = std::jthread([this, op, what] {
    bool ok = true;
    QString title, text;
    if (op == "status") {
      title = tr("Lab status");
      text = QString::fromStdString(servers::lab_status_report());
    } else {
      auto result = op == "up" ? servers::lab_up(kWaitForLock) : servers::lab_down(kWaitForLock);
      ok = static_cast<bool>(result);
      if (ok) {
        title = op == "up" ? tr("Lab up") : tr("Lab down");
        text = QString::fromStdString(*result);
      } else {
        title = op == "up" ? tr("Can't bring the lab up") : tr("Can't take the lab down");
        const QString error = QString::fromStdString(result.error().message);
        text = tr("%1\n\nWhat to do: %2").arg(error, whatToDo(error));
      }
    }
    // The destructor joins this thread, so the menu exists here; Qt drops the queued call if the
    // menu is destroyed before the GUI thread gets to it.
    QMetaObject::invokeMethod(
        this,
        [this, what, ok, title, text] {
          setBusy(false);
          emit done(what, ok, title, text);
        },
        Qt::QueuedConnection);
  });
  return true;
}

QString LabMenu::whatToDo(const QString& error) {
  if (error.contains("CAP_SYS_ADMIN") || error.contains("CAP_NET_ADMIN"))
    return tr("start wirelab as root (e.g. `sudo -E wirelab`) to use the lab from here; everything else in wirelab "
              "works without root.");
  if (error.contains("in use"))
    return tr("wait for the other lab run to end (Lab > Status shows who holds the lab), then try again.");
  return tr("look at Lab > Status; Lab > Down (or `wirelab-cli lab down`) removes whatever is left.");
}

}  // namespace wirelab::gui
