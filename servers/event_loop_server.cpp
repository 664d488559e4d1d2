#include "servers/event_loop_server.hpp"

#include <fcntl.h>

#include <cerrno>

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
  on_opened(it->second);
  return &it->second;
}

bool EventLoopServer::service(LoopConnection& c, bool readable, bool writable, bool drain) {
  if (readable && c.wants_read()) c.read(tracer(), drain);
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
  conns_.erase(it);
}

void EventLoopServer::note_wakeup(const char* call, int ready, const std::string& fds) {
  if (!tracer().journal()) return;
  tracer().note(SocketCall::Wakeup, -1, ready, std::string(call) + ": " + std::to_string(ready) + " ready" +
                                                   (fds.empty() ? "" : ": " + fds));
}

void EventLoopServer::after_loop() {
  while (!conns_.empty()) close_connection(conns_.begin()->first);
}

}  // namespace wirelab::servers
