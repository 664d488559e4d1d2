#include "servers/event_loop_server.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

namespace wirelab::servers {

void EventLoopServer::make_listener_nonblocking() {
  const int flags = ::fcntl(listen_fd(), F_GETFL);
  ::fcntl(listen_fd(), F_SETFL, flags | O_NONBLOCK);
}

LoopConnection* EventLoopServer::accept_one() {
  const int fd = tracer().accept(listen_fd(), SOCK_NONBLOCK);
  if (fd < 0) return nullptr;
  count_accept();
  const int id = register_connection(fd);
  auto [it, inserted] = conns_.try_emplace(fd, fd, id, protocol().open(id, *this));
  if (static_cast<std::size_t>(fd) >= by_fd_.size()) by_fd_.resize(static_cast<std::size_t>(fd) + 1, nullptr);
  by_fd_[static_cast<std::size_t>(fd)] = &it->second;
  on_opened(it->second);
  return &it->second;
}

bool EventLoopServer::service(LoopConnection& c, bool readable, bool writable, bool drain, bool short_read_drains) {
  if (readable && c.wants_read()) c.read(tracer(), drain, short_read_drains);
  if (writable && c.wants_write()) c.flush(tracer());
  if (!c.finished()) return true;
  close_connection(c.fd());
  return false;
}

void EventLoopServer::close_connection(int fd) {
  auto it = conns_.find(fd);
  if (it == conns_.end()) return;
  on_closing(it->second);
  unregister_connection(it->second.id());
  tracer().close(fd);
  by_fd_[static_cast<std::size_t>(fd)] = nullptr;
  conns_.erase(it);
}

bool EventLoopServer::open_epoll(EpollSet& ep, std::uint32_t listener_events) {
  make_listener_nonblocking();
  if (ep.valid() && ep.add(listen_fd(), listener_events) && ep.add(wake_.fd(), EPOLLIN)) return true;
  set_error(std::string("epoll setup failed: ") + std::strerror(errno));
  return false;
}

int EventLoopServer::wait_epoll(EpollSet& ep, std::vector<epoll_event>& ready, const char* what) {
  for (;;) {
    const int n = ep.wait(ready, 256, -1);
    if (stopping()) return -1;
    if (n >= 0) {
      if (tracer().journal()) note_wakeup(what, n, EpollSet::describe(ready, listen_fd(), wake_.fd()));
      return n;
    }
    if (errno == EINTR) continue;
    set_error(std::string("epoll_wait() failed: ") + std::strerror(errno));
    return -1;
  }
}

void EventLoopServer::note_wakeup(const char* call, int ready, const std::string& fds) {
  if (!tracer().journal()) return;
  std::string detail;
  detail.reserve(fds.size() + 32);
  detail.append(call).append(": ").append(std::to_string(ready)).append(" ready");
  if (!fds.empty()) detail.append(": ").append(fds);
  tracer().note(SocketCall::Wakeup, -1, ready, std::move(detail));
}

void EventLoopServer::after_loop() {
  while (!conns_.empty()) close_connection(conns_.begin()->first);
}

}  // namespace wirelab::servers
