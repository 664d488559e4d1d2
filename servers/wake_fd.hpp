// An eventfd a loop watches next to its sockets, so another thread can wake select/poll/
// epoll_wait (stop(), queued work) without a timeout.
#pragma once
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace wirelab::servers {

class WakeFd {
 public:
  WakeFd() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}
  ~WakeFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  WakeFd(const WakeFd&) = delete;
  WakeFd& operator=(const WakeFd&) = delete;

  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void notify() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(fd_, &one, sizeof one);
  }
  void clear() const {
    std::uint64_t v = 0;
    [[maybe_unused]] const ssize_t n = ::read(fd_, &v, sizeof v);
  }

 private:
  int fd_;
};

}  // namespace wirelab::servers
