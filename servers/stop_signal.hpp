// A one-shot "stop now" flag that blocking loops can poll() on next to their sockets, so
// stop() wakes every waiting thread at once instead of waiting out a timeout.
#pragma once
#include <atomic>

namespace wirelab::servers {

class StopSignal {
 public:
  StopSignal();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  void request();                   // idempotent; wakes every poll() on fd()
  bool requested() const { return requested_.load(std::memory_order_acquire); }
  int fd() const { return fd_; }    // readable once requested (an eventfd)

 private:
  int fd_ = -1;
  std::atomic<bool> requested_{false};
};

}  // namespace wirelab::servers
