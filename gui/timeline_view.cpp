#include "gui/timeline_view.hpp"

#include <QMouseEvent>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

namespace wirelab::gui {

TimelineView::TimelineView(QWidget* parent) : QAbstractScrollArea(parent) {
  viewport()->setMouseTracking(true);
  viewport()->setBackgroundRole(QPalette::Base);
  verticalScrollBar()->setSingleStep(20);
  horizontalScrollBar()->setSingleStep(20);
}

void TimelineView::setDiagrams(std::vector<decode::SequenceDiagram> diagrams) {
  renderer_.setDiagrams(std::move(diagrams));
  relayout();
  verticalScrollBar()->setValue(0);
}

void TimelineView::setScale(TimeScale scale) {
  renderer_.setScale(scale);
  relayout();
}

void TimelineView::zoom(double factor) {
  if (renderer_.scale() != TimeScale::RealTime) return;
  // Keep the time at the centre of the viewport where it was.
  const int centre = verticalScrollBar()->value() + viewport()->height() / 2;
  const double old_ns = renderer_.nsPerPixel();
  renderer_.setNsPerPixel(old_ns / factor);
  relayout();
  const double ratio = old_ns / renderer_.nsPerPixel();
  verticalScrollBar()->setValue(static_cast<int>(centre * ratio) - viewport()->height() / 2);
}

void TimelineView::selectFrame(std::uint64_t frame) {
  renderer_.setSelectedFrame(frame);
  const int y = renderer_.yOfFrame(frame);
  if (y >= 0) {
    QScrollBar* bar = verticalScrollBar();
    const int top = bar->value() + TimelineRenderer::kHeaderHeight;
    if (y < top || y > bar->value() + viewport()->height() - 20) bar->setValue(y - viewport()->height() / 2);
  }
  viewport()->update();
}

void TimelineView::relayout() {
  const QSize s = renderer_.size();
  horizontalScrollBar()->setRange(0, std::max(0, s.width() - viewport()->width()));
  horizontalScrollBar()->setPageStep(viewport()->width());
  verticalScrollBar()->setRange(0, std::max(0, s.height() - viewport()->height()));
  verticalScrollBar()->setPageStep(viewport()->height());
  viewport()->update();
}

void TimelineView::resizeEvent(QResizeEvent* event) {
  QAbstractScrollArea::resizeEvent(event);
  relayout();
}

QPoint TimelineView::toDiagram(QPoint pos) const {
  return pos + QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
}

void TimelineView::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  p.fillRect(viewport()->rect(), Qt::white);
  const QPoint off(horizontalScrollBar()->value(), verticalScrollBar()->value());
  p.translate(-off);
  renderer_.paint(p, QRect(off, viewport()->size()));
  // The lane titles stay at the top while the diagram scrolls under them.
  p.resetTransform();
  p.translate(-off.x(), 0);
  renderer_.paintHeader(p);
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
  const std::uint64_t frame = renderer_.frameAt(toDiagram(event->position().toPoint()));
  if (frame == 0) return;
  selectFrame(frame);
  emit frameClicked(frame);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
  const QPoint at = toDiagram(event->position().toPoint());
  const std::uint64_t frame = renderer_.frameAt(at);
  viewport()->setCursor(frame ? Qt::PointingHandCursor : Qt::ArrowCursor);
  if (!frame) {
    QToolTip::hideText();
    return;
  }
  for (const auto& a : renderer_.arrows())
    if (a.frame == frame) {
      QString tip = QStringLiteral("Frame %1: %2\n%3").arg(frame).arg(a.label, a.comment);
      if (!a.badges.isEmpty()) tip += QLatin1Char('\n') + a.badges.join(QStringLiteral(", "));
      QToolTip::showText(event->globalPosition().toPoint(), tip, viewport());
      break;
    }
}

void TimelineView::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ControlModifier) {
    zoom(event->angleDelta().y() > 0 ? 1.25 : 0.8);
    event->accept();
    return;
  }
  QAbstractScrollArea::wheelEvent(event);
}

}  // namespace wirelab::gui
