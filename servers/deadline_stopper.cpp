#include "servers/deadline_stopper.hpp"

namespace wirelab::servers {

DeadlineStopper::DeadlineStopper(StopSignal& signal, std::chrono::steady_clock::time_point deadline,
                                 std::stop_token stop)
    : thread_([this, &signal, deadline, stop] {
        std::unique_lock lock(mu_);
        // Returns early (false) on a stop request too: that fires the signal like the deadline.
        if (cv_.wait_until(lock, stop, deadline, [this] { return cancelled_; })) return;
        fired_ = true;
        signal.request();
      }) {}

DeadlineStopper::~DeadlineStopper() {
  {
    std::lock_guard lock(mu_);
    cancelled_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

bool DeadlineStopper::fired() const {
  std::lock_guard lock(mu_);
  return fired_;
}

}  // namespace wirelab::servers
