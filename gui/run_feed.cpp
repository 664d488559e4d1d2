#include "gui/run_feed.hpp"

#include <span>
#include <utility>

namespace wirelab::gui {

servers::RunSink RunFeed::sink() {
  return {
      .packets =
          [this](std::span<const capture::CapturedFrame> batch) {
            {
              const std::lock_guard lock(mu_);
              frames_->insert(frames_->end(), batch.begin(), batch.end());
            }
            cv_.notify_one();
          },
      .event =
          [this](const decode::SocketEvent& e) {
            {
              const std::lock_guard lock(mu_);
              events_.push_back(e);
            }
            cv_.notify_one();
          },
  };
}

RunFeed::Arrivals RunFeed::wait_take(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [this] { return closed_ || !frames_->empty() || !events_.empty(); });
  Arrivals out;
  out.frames = std::exchange(frames_, std::make_shared<Frames>());
  out.events.swap(events_);
  out.closed = closed_;
  return out;
}

void RunFeed::close() {
  {
    const std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_one();
}

}  // namespace wirelab::gui
