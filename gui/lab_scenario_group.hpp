// The lab scenarios in the scenario launcher: servers' list of lab scenarios (ARP, broadcast,
// ICMP errors, TTL, routing between namespaced hosts) with each one's lesson, a Run button,
// and after a run what it showed. Running one brings the lab up if it is not (and down after).
#pragma once
#include <QGroupBox>

class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace wirelab::gui {

class LabScenarioGroup : public QGroupBox {
  Q_OBJECT
 public:
  explicit LabScenarioGroup(QWidget* parent = nullptr);

  void select(const QString& scenario);
  QString scenario() const;
  void showOutcome(const QStringList& findings, const QString& note);
  void setRunning(bool running);

 signals:
  void runRequested(QString scenario);

 private:
  void updateLesson();

  QListWidget* list_;
  QPushButton* run_;
  QTextBrowser* lesson_;
  QLabel* status_;
};

}  // namespace wirelab::gui
