#include "plain_epoll_echo.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace wirelab::bench {

PlainEpollEcho::PlainEpollEcho() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(listen_fd_, 4096);
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  for (int fd : {listen_fd_, wake_fd_}) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  }
  thread_ = std::thread([this] { loop(); });
}

PlainEpollEcho::~PlainEpollEcho() {
  stop_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  ::close(listen_fd_);
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void PlainEpollEcho::loop() {
  epoll_event ready[256];
  char buf[4096];
  std::vector<int> open;
  while (!stop_) {
    const int n = ::epoll_wait(epoll_fd_, ready, 256, -1);
    for (int i = 0; i < n; ++i) {
      const int fd = ready[i].data.fd;
      if (fd == wake_fd_) continue;
      if (fd == listen_fd_) {
        for (int c; (c = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;) {
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.fd = c;
          ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c, &ev);
          open.push_back(c);
        }
        continue;
      }
      const ssize_t got = ::recv(fd, buf, sizeof buf, 0);
      if (got > 0) {
        [[maybe_unused]] const ssize_t sent = ::send(fd, buf, static_cast<std::size_t>(got), MSG_NOSIGNAL);
      } else if (got == 0) {
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
        ::close(fd);
        std::erase(open, fd);
      }
    }
  }
  for (int fd : open) ::close(fd);
}

}  // namespace wirelab::bench
