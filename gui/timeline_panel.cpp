#include "gui/timeline_panel.hpp"

#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QToolBar>
#include <QVBoxLayout>

#include "gui/timeline_export.hpp"

namespace wirelab::gui {

TimelinePanel::TimelinePanel(QWidget* parent)
    : QWidget(parent), view_(new TimelineView), scale_(new QComboBox), caption_(new QLabel) {
  auto* bar = new QToolBar;
  bar->setIconSize(QSize(16, 16));
  scale_->addItem(tr("One row per event"), static_cast<int>(TimeScale::Compressed));
  scale_->addItem(tr("Real time"), static_cast<int>(TimeScale::RealTime));
  scale_->setToolTip(tr("Compressed: every packet and socket call gets a row.\nReal time: distance down is elapsed time (Ctrl+wheel zooms)."));
  bar->addWidget(scale_);
  QAction* in = bar->addAction(tr("Zoom in"), this, [this] { view_->zoom(2.0); });
  QAction* out = bar->addAction(tr("Zoom out"), this, [this] { view_->zoom(0.5); });
  in->setEnabled(false);
  out->setEnabled(false);
  connect(scale_, &QComboBox::currentIndexChanged, this, [this, in, out](int) {
    const auto s = static_cast<TimeScale>(scale_->currentData().toInt());
    view_->setScale(s);
    in->setEnabled(s == TimeScale::RealTime);
    out->setEnabled(s == TimeScale::RealTime);
  });
  bar->addSeparator();
  bar->addAction(tr("Export SVG…"), this, [this] { exportWithDialog(tr("SVG image (*.svg)"), "svg"); });
  bar->addAction(tr("Export PNG…"), this, [this] { exportWithDialog(tr("PNG image (*.png)"), "png"); });
  bar->addAction(tr("Export PlantUML…"), this, [this] { exportWithDialog(tr("PlantUML sequence diagram (*.puml)"), "puml"); });
  bar->addAction(tr("Export Mermaid…"), this, [this] {
    // Several diagrams go into one Markdown file (a .mmd file holds one diagram).
    if (view_->renderer().diagrams().size() > 1) exportWithDialog(tr("Markdown with Mermaid diagrams (*.md)"), "md");
    else exportWithDialog(tr("Mermaid sequence diagram (*.mmd)"), "mmd");
  });
  caption_->setContentsMargins(8, 0, 8, 0);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(bar);
  layout->addWidget(caption_);
  layout->addWidget(view_, 1);
  connect(view_, &TimelineView::frameClicked, this, &TimelinePanel::frameClicked);
  setDiagrams({}, tr("Select a conversation to draw its timeline."));
}

void TimelinePanel::setDiagrams(std::vector<decode::SequenceDiagram> diagrams, const QString& what) {
  caption_->setText(what);
  view_->setDiagrams(std::move(diagrams));
}

bool TimelinePanel::exportTo(const QString& path) const {
  const auto& diagrams = view_->renderer().diagrams();
  if (path.endsWith(QLatin1String(".puml"), Qt::CaseInsensitive) || path.endsWith(QLatin1String(".plantuml"), Qt::CaseInsensitive))
    return export_timeline_text(diagrams, decode::DiagramFormat::PlantUml, path);
  if (path.endsWith(QLatin1String(".mmd"), Qt::CaseInsensitive) || path.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
    return export_timeline_text(diagrams, decode::DiagramFormat::Mermaid, path);
  if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
    return export_timeline_svg(view_->renderer(), path, caption_->text());
  return export_timeline_png(view_->renderer(), path);
}

void TimelinePanel::exportWithDialog(const QString& filter, const QString& suffix) {
  QString path = QFileDialog::getSaveFileName(this, tr("Export timeline"), QStringLiteral("timeline.") + suffix, filter);
  if (path.isEmpty()) return;
  if (!path.endsWith(QLatin1Char('.') + suffix)) path += QLatin1Char('.') + suffix;
  if (!exportTo(path)) QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1.").arg(path));
}

}  // namespace wirelab::gui
