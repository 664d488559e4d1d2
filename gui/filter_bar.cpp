#include "gui/filter_bar.hpp"

#include <QCompleter>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace wirelab::gui {

namespace {
const char* const kRecentKey = "recentDisplayFilters";

void tint(QLineEdit* edit, const QColor& c) {
  QPalette pal = edit->palette();
  pal.setColor(QPalette::Base, c);
  edit->setPalette(pal);
}
}  // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent), edit_(new QLineEdit), message_(new QLabel), recent_button_(new QToolButton),
      recent_menu_(new QMenu(this)) {
  edit_->setPlaceholderText(tr("Apply a display filter … (e.g. tcp.flags.syn == 1 && ip.addr == 127.0.0.1)"));
  edit_->setClearButtonEnabled(true);
  QStringList names;
  for (const std::string_view n : decode::filter::complete_field_names("", 100000))
    names << QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
  auto* completer = new QCompleter(new QStringListModel(names, this), this);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  completer->setCompletionMode(QCompleter::PopupCompletion);
  edit_->setCompleter(completer);
  message_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  message_->setStyleSheet(QStringLiteral("color: #b71c1c"));
  message_->hide();
  recent_button_->setArrowType(Qt::DownArrow);
  recent_button_->setToolTip(tr("Recent display filters"));
  recent_button_->setPopupMode(QToolButton::InstantPopup);
  recent_button_->setMenu(recent_menu_);
  // Another window's bar may have added to the history since: read it when the menu opens.
  connect(recent_menu_, &QMenu::aboutToShow, this, &FilterBar::fillRecentMenu);
  fillRecentMenu();
  auto* apply_button = new QPushButton(tr("Apply"));
  auto* row = new QHBoxLayout;
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(edit_, 1);
  row->addWidget(recent_button_);
  row->addWidget(apply_button);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->setSpacing(2);
  layout->addLayout(row);
  layout->addWidget(message_);
  connect(edit_, &QLineEdit::textChanged, this, &FilterBar::check);
  connect(edit_, &QLineEdit::returnPressed, this, &FilterBar::applyCurrent);
  connect(apply_button, &QPushButton::clicked, this, &FilterBar::applyCurrent);
}

void FilterBar::check() {
  const std::string text = edit_->text().toStdString();
  if (text.find_first_not_of(" \t") == std::string::npos) {
    tint(edit_, palette().color(QPalette::Base));
    message_->hide();
    return;
  }
  auto f = decode::filter::compile(text);
  tint(edit_, f ? QColor(0xaf, 0xff, 0xaf) : QColor(0xff, 0xaf, 0xaf));
  if (f) message_->hide();
  else {
    message_->setText(QString::fromStdString(f.error().render(text)).toHtmlEscaped().replace('\n', "<br>").replace(' ', "&nbsp;"));
    message_->show();
  }
}

void FilterBar::apply(const QString& text) {
  edit_->setText(text);
  applyCurrent();
}

void FilterBar::applyCurrent() {
  auto f = decode::filter::compile(edit_->text().toStdString());
  if (!f) {
    check();
    return;
  }
  remember(edit_->text().trimmed());
  emit filterApplied(std::make_shared<decode::filter::Filter>(std::move(*f)));
}

QStringList FilterBar::recentFilters() const { return QSettings().value(kRecentKey).toStringList(); }

// Only filters that compiled are remembered; applying one again moves it to the top.
void FilterBar::remember(const QString& text) {
  if (text.isEmpty()) return;
  QStringList recent = recentFilters();
  recent.removeAll(text);
  recent.prepend(text);
  while (recent.size() > kMaxRecent) recent.removeLast();
  QSettings().setValue(kRecentKey, recent);
  fillRecentMenu();
}

void FilterBar::fillRecentMenu() {
  recent_menu_->clear();
  const QStringList recent = recentFilters();
  for (const QString& f : recent) recent_menu_->addAction(f, this, [this, f] { apply(f); });
  recent_button_->setEnabled(!recent.isEmpty());
}

}  // namespace wirelab::gui
