// The timeline on screen: scrolls a TimelineRenderer, keeps the lane titles in sight,
// zooms the real time scale with Ctrl+wheel, and reports the packet of a clicked arrow.
#pragma once
#include <QAbstractScrollArea>

#include "gui/timeline_renderer.hpp"

namespace wirelab::gui {

class TimelineView : public QAbstractScrollArea {
  Q_OBJECT
 public:
  explicit TimelineView(QWidget* parent = nullptr);

  TimelineRenderer& renderer() { return renderer_; }
  const TimelineRenderer& renderer() const { return renderer_; }
  void setDiagrams(std::vector<decode::SequenceDiagram> diagrams);
  void setScale(TimeScale scale);
  void zoom(double factor);  // > 1 zooms in (real time scale)
  // Highlights the arrow of `frame` and scrolls to it (no signal).
  void selectFrame(std::uint64_t frame);

 signals:
  void frameClicked(std::uint64_t frame);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void relayout();
  QPoint toDiagram(QPoint viewport_pos) const;
  TimelineRenderer renderer_;
};

}  // namespace wirelab::gui
