#include "gui/scenario_launcher.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <utility>

#include "gui/lab_scenario_group.hpp"
#include "servers/scenario_list.hpp"

namespace wirelab::gui {

namespace {
QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
}  // namespace

ScenarioLauncher::ScenarioLauncher(QWidget* parent)
    : QWidget(parent), list_(new QListWidget), model_(new QComboBox), clients_(new QSpinBox), run_(new QPushButton(tr("Run"))),
      stop_(new QPushButton(tr("Stop"))), lesson_(new QTextBrowser), status_(new QLabel), lab_(new LabScenarioGroup) {
  for (const servers::ScenarioEntry& e : servers::scenario_entries()) {
    auto* item = new QListWidgetItem(q(e.info->name), list_);
    item->setToolTip(q(e.info->help));
  }
  for (const servers::NamedHelp& m : servers::model_list()) {
    model_->addItem(q(m.name));
    model_->setItemData(model_->count() - 1, q(m.help), Qt::ToolTipRole);
  }
  clients_->setRange(0, 64);
  clients_->setSpecialValueText(tr("default"));
  clients_->setToolTip(tr("Number of clients (default: the scenario's own)"));
  lesson_->setOpenExternalLinks(false);
  status_->setWordWrap(true);
  run_->setDefault(true);
  stop_->setEnabled(false);
  stop_->setToolTip(tr("End the run now: its clients and server stop, and what was captured stays"));

  auto* form = new QFormLayout;
  form->addRow(tr("Model"), model_);
  form->addRow(tr("Clients"), clients_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("<b>Scenario</b>")));
  layout->addWidget(list_, 2);
  layout->addLayout(form);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(run_, 1);
  buttons->addWidget(stop_);
  layout->addLayout(buttons);
  layout->addWidget(lesson_, 3);
  layout->addWidget(status_);
  layout->addWidget(lab_, 3);

  connect(list_, &QListWidget::currentRowChanged, this, [this] { updateLesson(); });
  connect(model_, &QComboBox::currentIndexChanged, this, [this] { updateLesson(); });
  connect(run_, &QPushButton::clicked, this, [this] { emit runRequested(scenario(), options()); });
  connect(stop_, &QPushButton::clicked, this, [this] {
    stop_->setEnabled(false);
    emit stopRequested();
  });
  connect(list_, &QListWidget::itemActivated, this, [this] { emit runRequested(scenario(), options()); });
  connect(lab_, &LabScenarioGroup::runRequested, this, [this](const QString& name) { emit labRunRequested(name, options()); });
  list_->setCurrentRow(0);
}

void ScenarioLauncher::select(const QString& scenario, const QString& model) {
  const auto items = list_->findItems(scenario, Qt::MatchExactly);
  if (!items.isEmpty()) list_->setCurrentItem(items.front());
  if (const int i = model_->findText(model); i >= 0) model_->setCurrentIndex(i);
}

QString ScenarioLauncher::scenario() const { return list_->currentItem() ? list_->currentItem()->text() : QString(); }

servers::ScenarioOptions ScenarioLauncher::options() const {
  servers::ScenarioOptions o;
  o.model = model_->currentText().toStdString();
  o.clients = clients_->value();
  return o;
}

void ScenarioLauncher::updateLesson() {
  const servers::ScenarioEntry* e = servers::find_scenario(scenario().toStdString());
  if (!e) return;
  model_->setEnabled(e->info->uses_model);
  QString html = QStringLiteral("<h3>%1</h3><p><i>%2</i></p><p>%3</p>")
                     .arg(q(e->info->name), q(e->info->help).toHtmlEscaped(), q(e->info->lesson).toHtmlEscaped());
  if (e->info->uses_model) html += tr("<p><b>Model %1:</b> ").arg(model_->currentText()) +
                                   model_->currentData(Qt::ToolTipRole).toString().toHtmlEscaped() + QStringLiteral("</p>");
  html += tr("<p>Default clients: %1</p>").arg(e->info->default_clients);
  lesson_->setHtml(html);
}

void ScenarioLauncher::showOutcome(const QStringList& findings, const QString& note) {
  if (std::exchange(lab_run_, false)) return lab_->showOutcome(findings, note);
  QString html = lesson_->toHtml();
  if (!findings.isEmpty()) {
    html += tr("<h4>What this run showed</h4><ul>");
    for (const QString& f : findings) html += QStringLiteral("<li>%1</li>").arg(f.toHtmlEscaped());
    html += QStringLiteral("</ul>");
  }
  lesson_->setHtml(html);
  status_->setText(note);
}

void ScenarioLauncher::setRunning(bool running) {
  lab_->setRunning(running && lab_run_);
  run_->setEnabled(!running);
  run_->setText(running ? tr("Running…") : tr("Run"));
  stop_->setEnabled(running && !lab_run_);  // Stop ends scenario runs (a lab run is short and ends itself)
  if (running) status_->clear();
}

}  // namespace wirelab::gui
