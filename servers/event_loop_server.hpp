// What the single-threaded event-loop models (nonblocking, select, poll, epoll-lt, epoll-et)
// share: the table of LoopConnections keyed by fd, non-blocking accept, and closing. Each
// model is only its own way of finding out which fds are ready.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "servers/epoll_set.hpp"
#include "servers/loop_connection.hpp"
#include "servers/tcp_server.hpp"
#include "servers/wake_fd.hpp"

namespace wirelab::servers {

class EventLoopServer : public TcpServer {
 public:
  using TcpServer::TcpServer;

 protected:
  void wake_loop() override { wake_.notify(); }
  void after_loop() override;  // closes every connection still open

  // accept4(SOCK_NONBLOCK) once; returns the new connection or nullptr (EAGAIN, error).
  LoopConnection* accept_one();
  // Reads/writes as readiness says; closes and forgets it when finished. Returns false when
  // the connection was closed (the pointer is then dangling).
  // short_read_drains: see LoopConnection::read.
  bool service(LoopConnection& c, bool readable, bool writable, bool drain, bool short_read_drains = false);
  void close_connection(int fd);
  // Makes the listener non-blocking (call at the start of run_loop).
  void make_listener_nonblocking();
  // For the epoll models: a non-blocking listener and the wake fd in `ep` (errors reported).
  bool open_epoll(EpollSet& ep, std::uint32_t listener_events);
  // epoll_wait, retrying EINTR; journals the wake-up as `what`. -1 when the loop must end
  // (stop() or an error, which is reported).
  int wait_epoll(EpollSet& ep, std::vector<epoll_event>& ready, const char* what);
  // Journals a wake-up of the model's wait call: "epoll_wait: 2 ready: fd 5 in, fd 7 in".
  void note_wakeup(const char* call, int ready, const std::string& fds);
  // Called when a connection is opened/closed, so epoll models can (un)register it.
  virtual void on_opened(LoopConnection&) {}
  virtual void on_closing(LoopConnection&) {}

  std::map<int, LoopConnection>& connections() { return conns_; }
  // The open connection on fd, or nullptr: an array index, not a tree walk (this runs once per
  // ready fd; with 10,000 connections a map lookup is a dozen cache misses).
  LoopConnection* find_connection(int fd) {
    return fd >= 0 && static_cast<std::size_t>(fd) < by_fd_.size() ? by_fd_[static_cast<std::size_t>(fd)] : nullptr;
  }
  const WakeFd& wake() const { return wake_; }

 private:
  std::map<int, LoopConnection> conns_;  // ordered by fd: the select/poll models walk it
  std::vector<LoopConnection*> by_fd_;   // fd -> its entry in conns_ (map nodes never move)
  WakeFd wake_;
};

}  // namespace wirelab::servers
