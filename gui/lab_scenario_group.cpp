#include "gui/lab_scenario_group.hpp"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "servers/lab_scenario.hpp"

namespace wirelab::gui {

namespace {
QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
}  // namespace

LabScenarioGroup::LabScenarioGroup(QWidget* parent)
    : QGroupBox(tr("Lab scenarios (namespaced hosts a b c, router r, host d; root)"), parent), list_(new QListWidget),
      run_(new QPushButton(tr("Run on the lab"))), lesson_(new QTextBrowser), status_(new QLabel) {
  setObjectName("lab-scenarios");
  for (const servers::LabScenarioEntry& e : servers::lab_scenario_entries()) {
    auto* item = new QListWidgetItem(q(e.info->name), list_);
    item->setToolTip(q(e.info->help));
  }
  run_->setToolTip(tr("Brings the lab up if it is not (and removes it after), runs the scenario, loads its capture"));
  lesson_->setOpenExternalLinks(false);
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(list_, 2);
  layout->addWidget(run_);
  layout->addWidget(lesson_, 3);
  layout->addWidget(status_);
  connect(list_, &QListWidget::currentRowChanged, this, [this] { updateLesson(); });
  connect(run_, &QPushButton::clicked, this, [this] { emit runRequested(scenario()); });
  connect(list_, &QListWidget::itemActivated, this, [this] { emit runRequested(scenario()); });
  list_->setCurrentRow(0);
}

void LabScenarioGroup::select(const QString& scenario) {
  const auto items = list_->findItems(scenario, Qt::MatchExactly);
  if (!items.isEmpty()) list_->setCurrentItem(items.front());
}

QString LabScenarioGroup::scenario() const { return list_->currentItem() ? list_->currentItem()->text() : QString(); }

void LabScenarioGroup::updateLesson() {
  const servers::LabScenarioEntry* e = servers::find_lab_scenario(scenario().toStdString());
  if (!e) return;
  lesson_->setHtml(QStringLiteral("<h3>%1</h3><p><i>%2</i></p><p>%3</p>")
                       .arg(q(e->info->name), q(e->info->help).toHtmlEscaped(), q(e->info->lesson).toHtmlEscaped()));
}

void LabScenarioGroup::showOutcome(const QStringList& findings, const QString& note) {
  updateLesson();
  if (!findings.isEmpty()) {
    QString html = lesson_->toHtml() + tr("<h4>What this run showed</h4><ul>");
    for (const QString& f : findings) html += QStringLiteral("<li>%1</li>").arg(f.toHtmlEscaped());
    lesson_->setHtml(html + QStringLiteral("</ul>"));
  }
  status_->setText(note);
}

void LabScenarioGroup::setRunning(bool running) {
  run_->setEnabled(!running);
  run_->setText(running ? tr("Running on the lab…") : tr("Run on the lab"));
  if (running) status_->clear();
}

}  // namespace wirelab::gui
