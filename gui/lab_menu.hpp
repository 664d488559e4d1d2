// The Lab menu: Up, Down and Status of the lab network, the same servers/ calls as
// `wirelab-cli lab up|down|status`, run off the GUI thread (building the lab takes seconds).
// Each ends in done(): the status table, the line the CLI prints, or the error with what to do.
#pragma once
#include <QMenu>

#include <thread>

namespace wirelab::gui {

class LabMenu : public QMenu {
  Q_OBJECT
 public:
  explicit LabMenu(QWidget* parent = nullptr);
  ~LabMenu() override;  // waits for an operation still running

  // Starts "up", "down" or "status"; false while another one runs.
  bool run(const QString& what);
  bool busy() const { return busy_; }

  // What the user can do about a lab error (not root, lab in use, ...), one or two sentences.
  static QString whatToDo(const QString& error);

 signals:
  // `what` ran; `ok` false for an error, `title` and `text` for the dialog.
  void done(QString what, bool ok, QString title, QString text);

 private:
  void setBusy(bool busy);

  QAction* up_;
  QAction* down_;
  QAction* status_;
  bool busy_ = false;
  std::jthread worker_;
};

}  // namespace wirelab::gui
