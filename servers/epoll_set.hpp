// RAII epoll instance with the three calls the epoll models and the coroutine reactor use.
#pragma once
#include <sys/epoll.h>
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

namespace wirelab::servers {

class EpollSet {
 public:
  EpollSet() : fd_(::epoll_create1(EPOLL_CLOEXEC)) {}
  ~EpollSet() {
    if (fd_ >= 0) ::close(fd_);
  }
  EpollSet(const EpollSet&) = delete;
  EpollSet& operator=(const EpollSet&) = delete;

  bool valid() const { return fd_ >= 0; }
  bool add(int fd, std::uint32_t events) { return ctl(EPOLL_CTL_ADD, fd, events); }
  bool modify(int fd, std::uint32_t events) { return ctl(EPOLL_CTL_MOD, fd, events); }
  bool remove(int fd) { return ::epoll_ctl(fd_, EPOLL_CTL_DEL, fd, nullptr) == 0; }
  // epoll_wait into `ready` (resized to what came back); -1 on error (EINTR included).
  int wait(std::vector<epoll_event>& ready, int max_events, int timeout_ms) {
    ready.resize(static_cast<std::size_t>(max_events));
    const int n = ::epoll_wait(fd_, ready.data(), max_events, timeout_ms);
    ready.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return n;
  }

  // "fd 5 in, fd 7 out" for the journal. Built in place (one string, no temporaries): a busy
  // loop journals one of these per wake-up.
  static std::string describe(const std::vector<epoll_event>& ready, int listen_fd, int wake_fd) {
    std::string s;
    s.reserve(ready.size() * 12);
    char num[16];
    for (const epoll_event& e : ready) {
      if (e.data.fd == wake_fd) continue;
      if (!s.empty()) s += ", ";
      if (e.data.fd == listen_fd) s += "listener ";
      s += "fd ";
      const auto [end, ec] = std::to_chars(num, num + sizeof num, e.data.fd);
      s.append(num, end);
      if (e.events & EPOLLIN) s += " in";
      if (e.events & EPOLLOUT) s += " out";
      if (e.events & (EPOLLHUP | EPOLLERR)) s += " hup";
    }
    return s;
  }

 private:
  bool ctl(int op, int fd, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    return ::epoll_ctl(fd_, op, fd, &ev) == 0;
  }
  int fd_;
};

}  // namespace wirelab::servers
