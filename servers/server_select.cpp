// Model "select": one thread; each pass builds fd_sets of the listener, the wake fd and every
// connection, calls select(), then services what is ready. fd_set is a fixed bitmap of
// FD_SETSIZE (1024) bits: an fd at or above that cannot be watched, and FD_SET on it would
// write past the bitmap. This server refuses (closes) such a connection and reports why.
#include <sys/select.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "servers/event_loop_server.hpp"
#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerSelect final : public EventLoopServer {
 public:
  using EventLoopServer::EventLoopServer;
  ~TcpServerSelect() override { stop(); }
  std::string_view model() const override { return "select"; }

 protected:
  void on_opened(LoopConnection& c) override {
    if (c.fd() < FD_SETSIZE) return;
    set_error("select() cannot watch fd " + std::to_string(c.fd()) + ": fd_set holds fds below FD_SETSIZE (" +
              std::to_string(FD_SETSIZE) + "); connection refused. Use the poll or epoll models for more connections");
    refused_.push_back(c.fd());
  }

  void run_loop() override {
    make_listener_nonblocking();
    if (listen_fd() >= FD_SETSIZE || wake().fd() >= FD_SETSIZE) {
      set_error("select() cannot watch the listener: its fd is >= FD_SETSIZE (" + std::to_string(FD_SETSIZE) + ")");
      return;
    }
    std::vector<int> fds;
    while (!stopping()) {
      fd_set rd, wr;
      FD_ZERO(&rd);
      FD_ZERO(&wr);
      FD_SET(listen_fd(), &rd);
      FD_SET(wake().fd(), &rd);
      int maxfd = std::max(listen_fd(), wake().fd());
      for (auto& [fd, c] : connections()) {
        if (c.wants_read()) FD_SET(fd, &rd);
        if (c.wants_write()) FD_SET(fd, &wr);
        maxfd = std::max(maxfd, fd);
      }
      const int ready = ::select(maxfd + 1, &rd, &wr, nullptr, nullptr);
      if (ready < 0) {
        if (errno == EINTR) continue;
        set_error(std::string("select() failed: ") + std::strerror(errno));
        return;
      }
      if (FD_ISSET(wake().fd(), &rd)) wake().clear();
      std::string which;
      fds.clear();
      for (auto& [fd, c] : connections()) {
        const bool r = FD_ISSET(fd, &rd), w = FD_ISSET(fd, &wr);
        if (!r && !w) continue;
        fds.push_back(fd);
        if (tracer().journal()) which += (which.empty() ? "fd " : ", fd ") + std::to_string(fd) + (r ? " read" : " write");
      }
      const bool listener_ready = FD_ISSET(listen_fd(), &rd);
      if (listener_ready && tracer().journal())
        which = "listener fd " + std::to_string(listen_fd()) + (which.empty() ? "" : ", ") + which;
      if (!stopping()) note_wakeup("select", ready, which);
      for (int fd : fds) {
        auto it = connections().find(fd);
        if (it != connections().end()) service(it->second, FD_ISSET(fd, &rd), FD_ISSET(fd, &wr), false);
      }
      if (listener_ready) accept_one();
      for (int fd : refused_) close_connection(fd);
      refused_.clear();
    }
  }

 private:
  std::vector<int> refused_;
};

}  // namespace

std::unique_ptr<TcpServer> make_select_server(ServerConfig config) {
  return std::make_unique<TcpServerSelect>(std::move(config));
}

}  // namespace wirelab::servers
