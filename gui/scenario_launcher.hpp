// The scenario launcher: pick a scenario and a concurrency model (the lists from servers/),
// the number of clients, and run it live on loopback; Stop ends a run early. The scenario's
// lesson is shown beside it, and after a run, what it found.
#pragma once
#include <QWidget>

#include "servers/scenario.hpp"

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace wirelab::gui {

class LabScenarioGroup;

class ScenarioLauncher : public QWidget {
  Q_OBJECT
 public:
  explicit ScenarioLauncher(QWidget* parent = nullptr);

  void select(const QString& scenario, const QString& model);
  QString scenario() const;
  servers::ScenarioOptions options() const;
  // Shows the outcome of a run: its findings, or why it failed.
  void showOutcome(const QStringList& findings, const QString& note);
  void setRunning(bool running);  // Run is disabled and Stop enabled while a run goes
  QPushButton* stopButton() const { return stop_; }
  // The lab scenarios' group. After setLabRun(true), setRunning() and the next showOutcome()
  // (which ends the lab run) go to it.
  LabScenarioGroup* labScenarios() const { return lab_; }
  void setLabRun(bool lab) { lab_run_ = lab; }

 signals:
  void runRequested(QString scenario, servers::ScenarioOptions options);
  void labRunRequested(QString scenario, servers::ScenarioOptions options);
  void stopRequested();

 private:
  void updateLesson();

  QListWidget* list_;
  QComboBox* model_;
  QSpinBox* clients_;
  QPushButton* run_;
  QPushButton* stop_;
  QTextBrowser* lesson_;
  QLabel* status_;
  LabScenarioGroup* lab_;
  bool lab_run_ = false;
};

}  // namespace wirelab::gui
