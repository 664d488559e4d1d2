// The server-model view with its replay controls: a time slider over the run, play/pause at
// 1x or 10x (and slowed down, since a loopback run lasts milliseconds), and steps from one
// journal event to the next.
#pragma once
#include <QWidget>

#include "gui/server_model_view.hpp"

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTimer;

namespace wirelab::gui {

class ServerModelPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ServerModelPanel(QWidget* parent = nullptr);

  ServerModelView* view() const { return view_; }
  void setRun(QString model, std::vector<decode::SocketEvent> events, std::vector<decode::SequenceDiagram> connections);
  void setTime(std::int64_t time_ns);
  // Jumps to the next (+1) or previous (-1) journal event.
  void step(int direction);

 signals:
  void timeChanged(std::int64_t time_ns);

 private:
  void tick();
  void syncSlider();

  ServerModelView* view_;
  QSlider* slider_;
  QPushButton* play_;
  QComboBox* speed_;
  QLabel* time_label_;
  QTimer* timer_;
  qint64 last_tick_ms_ = 0;
};

}  // namespace wirelab::gui
