#include "gui/server_model_panel.hpp"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

namespace wirelab::gui {

namespace {
constexpr int kSliderSteps = 10000;
}

ServerModelPanel::ServerModelPanel(QWidget* parent)
    : QWidget(parent), view_(new ServerModelView), slider_(new QSlider(Qt::Horizontal)), play_(new QPushButton(tr("Play"))),
      speed_(new QComboBox), time_label_(new QLabel), timer_(new QTimer(this)) {
  slider_->setRange(0, kSliderSteps);
  speed_->addItem(tr("1x"), 1.0);
  speed_->addItem(tr("10x"), 10.0);
  speed_->addItem(tr("1/10x"), 0.1);
  speed_->addItem(tr("1/100x"), 0.01);
  speed_->addItem(tr("1/1000x"), 0.001);
  speed_->setCurrentIndex(4);
  speed_->setToolTip(tr("Replay speed relative to the capture's clock (a loopback run lasts milliseconds)"));
  auto* back = new QPushButton(tr("◀ Step"));
  auto* fwd = new QPushButton(tr("Step ▶"));
  back->setToolTip(tr("Previous server call"));
  fwd->setToolTip(tr("Next server call"));
  auto* controls = new QHBoxLayout;
  controls->addWidget(back);
  controls->addWidget(play_);
  controls->addWidget(fwd);
  controls->addWidget(speed_);
  controls->addWidget(slider_, 1);
  controls->addWidget(time_label_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(controls);
  layout->addWidget(view_, 1);

  timer_->setInterval(33);
  connect(timer_, &QTimer::timeout, this, &ServerModelPanel::tick);
  connect(play_, &QPushButton::clicked, this, [this] {
    if (timer_->isActive()) {
      timer_->stop();
      play_->setText(tr("Play"));
      return;
    }
    if (view_->time() >= view_->lastTime()) setTime(view_->firstTime());
    last_tick_ms_ = QDateTime::currentMSecsSinceEpoch();
    timer_->start();
    play_->setText(tr("Pause"));
  });
  connect(back, &QPushButton::clicked, this, [this] { step(-1); });
  connect(fwd, &QPushButton::clicked, this, [this] { step(+1); });
  connect(slider_, &QSlider::sliderMoved, this, [this](int v) {
    const double span = static_cast<double>(view_->lastTime() - view_->firstTime());
    setTime(view_->firstTime() + static_cast<std::int64_t>(span * v / kSliderSteps));
  });
}

void ServerModelPanel::setRun(QString model, std::vector<decode::SocketEvent> events,
                              std::vector<decode::SequenceDiagram> connections) {
  view_->setRun(std::move(model), std::move(events), std::move(connections));
  setTime(view_->busiestTime());
}

void ServerModelPanel::setTime(std::int64_t time_ns) {
  view_->setTime(std::clamp(time_ns, view_->firstTime(), view_->lastTime()));
  syncSlider();
  emit timeChanged(view_->time());
}

void ServerModelPanel::syncSlider() {
  const double span = static_cast<double>(std::max<std::int64_t>(1, view_->lastTime() - view_->firstTime()));
  const QSignalBlocker block(slider_);
  slider_->setValue(static_cast<int>(static_cast<double>(view_->time() - view_->firstTime()) / span * kSliderSteps));
  time_label_->setText(tr("%1 ms").arg(static_cast<double>(view_->time() - view_->firstTime()) / 1e6, 0, 'f', 3));
}

void ServerModelPanel::step(int direction) {
  const auto& events = view_->events();
  const std::int64_t now = view_->time();
  std::int64_t target = direction > 0 ? view_->lastTime() : view_->firstTime();
  if (direction > 0) {
    for (const auto& e : events)
      if (is_server_actor(e.actor) && e.ts_ns > now) {
        target = e.ts_ns;
        break;
      }
  } else {
    for (auto it = events.rbegin(); it != events.rend(); ++it)
      if (is_server_actor(it->actor) && it->ts_ns < now) {
        target = it->ts_ns;
        break;
      }
  }
  setTime(target);
}

void ServerModelPanel::tick() {
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  const double speed = speed_->currentData().toDouble();
  const auto advance = static_cast<std::int64_t>(static_cast<double>(now - last_tick_ms_) * 1e6 * speed);
  last_tick_ms_ = now;
  setTime(view_->time() + std::max<std::int64_t>(advance, 1));
  if (view_->time() >= view_->lastTime()) {
    timer_->stop();
    play_->setText(tr("Play"));
  }
}

}  // namespace wirelab::gui
