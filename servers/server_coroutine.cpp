// Model "coroutine": C++20 coroutines on a small epoll reactor (coro_reactor.hpp), one thread.
// Each connection is one coroutine that reads like the blocking loop (recv, answer, repeat),
// but where a blocking server would block it does `co_await reactor.readable(fd)`: the
// coroutine is suspended and the thread serves other connections meanwhile.
#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include "servers/coro_reactor.hpp"
#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerCoroutine final : public TcpServer {
 public:
  explicit TcpServerCoroutine(ServerConfig config) : TcpServer(std::move(config)), reactor_(tracer()) {}
  ~TcpServerCoroutine() override { stop(); }
  std::string_view model() const override { return "coroutine"; }

 protected:
  void wake_loop() override { reactor_.wake(); }
  void after_loop() override { reactor_.destroy_suspended(); }

  void run_loop() override {
    const int flags = ::fcntl(listen_fd(), F_GETFL);
    ::fcntl(listen_fd(), F_SETFL, flags | O_NONBLOCK);
    if (!reactor_.valid()) {
      set_error("coroutine model: cannot create the epoll reactor");
      return;
    }
    accept_loop();  // runs until its first co_await, then lives parked in the reactor
    if (!reactor_.run([this] { return stopping(); })) set_error(std::string("epoll_wait failed: ") + std::strerror(errno));
  }

 private:
  // Closes the connection however the coroutine ends: finished, failed, or destroyed while
  // parked at stop().
  struct ConnectionGuard {
    TcpServerCoroutine* server;
    int fd;
    int id;
    ~ConnectionGuard() {
      server->reactor_.forget(fd);
      server->unregister_connection(id);
      server->tracer().close(fd);
    }
  };

  DetachedTask accept_loop() {
    for (;;) {
      co_await reactor_.readable(listen_fd());
      for (;;) {
        const int fd = tracer().accept(listen_fd(), SOCK_NONBLOCK);
        if (fd < 0) break;  // EAGAIN: the queue is empty, wait for the next readiness
        count_accept();
        serve(fd, register_connection(fd));  // starts now, returns at its first co_await
      }
    }
  }

  DetachedTask serve(int fd, int id) {
    ConnectionGuard guard{this, fd, id};
    std::unique_ptr<Session> session = protocol().open(id, *this);
    ByteBuffer in, out;
    // A read shorter than the room emptied the socket: wait before reading again rather than
    // make a recv() whose only answer would be EAGAIN (the reactor's edges make this safe).
    // A new connection waits first too: an idle one then costs no recv() and no buffer.
    bool drained = true;
    for (;;) {
      if (drained) co_await reactor_.readable(fd);
      auto room = in.prepare(16384);
      const ssize_t n = tracer().recv(fd, room.data(), room.size());
      drained = n > 0 && static_cast<std::size_t>(n) < room.size();
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        drained = true;
        continue;
      }
      if (n < 0) co_return;  // reset: the guard closes
      SessionAction action = SessionAction::Continue;
      if (n == 0) {
        session->on_eof(out);
        action = SessionAction::Close;
      } else {
        in.commit(static_cast<std::size_t>(n));
        action = session->on_data(in, out);
      }
      while (!out.empty()) {
        const ssize_t m = tracer().send(fd, out.peek(), out.readable());
        if (m > 0) {
          out.consume(static_cast<std::size_t>(m));
        } else if (m < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
          co_await reactor_.writable(fd);
        } else if (!(m < 0 && errno == EINTR)) {
          co_return;
        }
      }
      if (action == SessionAction::Close) co_return;
    }
  }

  CoroReactor reactor_;
};

}  // namespace

std::unique_ptr<TcpServer> make_coroutine_server(ServerConfig config) {
  return std::make_unique<TcpServerCoroutine>(std::move(config));
}

}  // namespace wirelab::servers
