// The floor for the echo benchmark: the smallest correct epoll echo loop (level-triggered,
// one recv and one send per readiness, no journal, no sessions, no buffers beyond one array).
// The wirelab models are measured against it in the same run.
#pragma once
#include <atomic>
#include <cstdint>
#include <thread>

namespace wirelab::bench {

class PlainEpollEcho {
 public:
  PlainEpollEcho();  // binds 127.0.0.1:0 and starts its thread
  ~PlainEpollEcho();
  PlainEpollEcho(const PlainEpollEcho&) = delete;
  PlainEpollEcho& operator=(const PlainEpollEcho&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  void loop();
  int listen_fd_ = -1;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace wirelab::bench
