// The timeline dock: a toolbar (time scale, zoom, export SVG/PNG/PlantUML/Mermaid) over a TimelineView.
#pragma once
#include <QWidget>

#include "gui/timeline_view.hpp"

class QComboBox;
class QLabel;

namespace wirelab::gui {

class TimelinePanel : public QWidget {
  Q_OBJECT
 public:
  explicit TimelinePanel(QWidget* parent = nullptr);

  TimelineView* view() const { return view_; }
  void setDiagrams(std::vector<decode::SequenceDiagram> diagrams, const QString& what);
  // Export without a dialog (tests, scripts), the format by suffix: .svg .png .puml .mmd .md;
  // false if the file can't be written.
  bool exportTo(const QString& path) const;

 signals:
  void frameClicked(std::uint64_t frame);

 private:
  void exportWithDialog(const QString& filter, const QString& suffix);

  TimelineView* view_;
  QComboBox* scale_;
  QLabel* caption_;
};

}  // namespace wirelab::gui
