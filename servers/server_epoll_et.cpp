// Model "epoll-et": one thread, epoll edge-triggered. epoll_wait reports an fd when its state
// CHANGES (new bytes arrived, buffer space freed), not while it stays ready; so every wake-up
// must drain: accept() until EAGAIN, recv() until EAGAIN (or, when the wake-up did not report
// the peer's FIN, until a recv() returns less than it asked for: no byte was left then),
// send() until done or EAGAIN. Stopping early would
// leave bytes that no later wake-up announces.
#include <cerrno>
#include <cstring>
#include <vector>

#include "servers/epoll_set.hpp"
#include "servers/event_loop_server.hpp"
#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerEpollEt final : public EventLoopServer {
 public:
  using EventLoopServer::EventLoopServer;
  ~TcpServerEpollEt() override { stop(); }
  std::string_view model() const override { return "epoll-et"; }

 protected:
  // Registered once for both directions: with EPOLLET, EPOLLOUT fires only when space frees up.
  void on_opened(LoopConnection& c) override { ep_.add(c.fd(), EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET); }
  void on_closing(LoopConnection& c) override { ep_.remove(c.fd()); }

  void run_loop() override {
    if (!open_epoll(ep_, EPOLLIN | EPOLLET)) return;
    std::vector<epoll_event> ready;
    while (wait_epoll(ep_, ready, "epoll_wait (ET)") >= 0) {
      for (const epoll_event& e : ready) {
        const int fd = e.data.fd;
        if (fd == wake().fd()) {
          wake().clear();
        } else if (fd == listen_fd()) {
          // Drain the accept queue. Bytes that came before a connection's registration need no
          // read here: epoll_ctl(ADD) checks the fd and queues it at once if it is already ready.
          while (accept_one()) {
          }
        } else if (LoopConnection* c = find_connection(fd)) {
          const bool readable = e.events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR);
          // Without the peer's FIN in this wake-up, a short recv() proves the queue empty (a
          // FIN arriving later raises EPOLLRDHUP, a new edge); with it, read until EOF.
          const bool fin_reported = e.events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR);
          service(*c, readable, e.events & EPOLLOUT, true, !fin_reported);
        }
      }
    }
  }

 private:
  EpollSet ep_;
};

}  // namespace

std::unique_ptr<TcpServer> make_epoll_et_server(ServerConfig config) {
  return std::make_unique<TcpServerEpollEt>(std::move(config));
}

}  // namespace wirelab::servers
