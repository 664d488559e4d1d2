#include "gui/filter_bar.hpp"

#include <QCompleter>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace wirelab::gui {

namespace {
void tint(QLineEdit* edit, const QColor& c) {
  QPalette pal = edit->palette();
  pal.setColor(QPalette::Base, c);
  edit->setPalette(pal);
}
}  // namespace

FilterBar::FilterBar(QWidget* parent) : QWidget(parent), edit_(new QLineEdit), message_(new QLabel) {
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
  auto* apply_button = new QPushButton(tr("Apply"));
  auto* row = new QHBoxLayout;
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(edit_, 1);
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
  emit filterApplied(std::make_shared<decode::filter::Filter>(std::move(*f)));
}

}  // namespace wirelab::gui
