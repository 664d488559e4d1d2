// Model "poll": one thread; each pass fills a pollfd array (listener, wake fd, connections),
// calls poll(), then services what is ready. No FD_SETSIZE limit, but the kernel still walks
// the whole array on every call: the cost grows with connections, not with activity.
#include <poll.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "servers/event_loop_server.hpp"
#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerPoll final : public EventLoopServer {
 public:
  using EventLoopServer::EventLoopServer;
  ~TcpServerPoll() override { stop(); }
  std::string_view model() const override { return "poll"; }

 protected:
  void run_loop() override {
    make_listener_nonblocking();
    std::vector<pollfd> pfds;
    while (!stopping()) {
      pfds.clear();
      pfds.push_back({listen_fd(), POLLIN, 0});
      pfds.push_back({wake().fd(), POLLIN, 0});
      for (auto& [fd, c] : connections()) {
        const short ev = static_cast<short>((c.wants_read() ? POLLIN : 0) | (c.wants_write() ? POLLOUT : 0));
        pfds.push_back({fd, ev, 0});
      }
      const int ready = ::poll(pfds.data(), pfds.size(), -1);
      if (ready < 0) {
        if (errno == EINTR) continue;
        set_error(std::string("poll() failed: ") + std::strerror(errno));
        return;
      }
      if (pfds[1].revents) wake().clear();
      if (stopping()) break;
      if (tracer().journal()) {
        std::string which;
        for (const pollfd& p : pfds) {
          if (!p.revents || p.fd == wake().fd()) continue;
          which += (which.empty() ? "" : ", ") + std::string(p.fd == listen_fd() ? "listener " : "") + "fd " +
                   std::to_string(p.fd) + ((p.revents & POLLOUT) && !(p.revents & POLLIN) ? " out" : " in");
        }
        note_wakeup("poll", ready, which);
      }
      for (std::size_t i = 2; i < pfds.size(); ++i) {
        if (!pfds[i].revents) continue;
        auto it = connections().find(pfds[i].fd);
        if (it == connections().end()) continue;
        const bool readable = pfds[i].revents & (POLLIN | POLLHUP | POLLERR);
        service(it->second, readable, pfds[i].revents & POLLOUT, false);
      }
      if (pfds[0].revents & POLLIN) accept_one();
    }
  }
};

}  // namespace

std::unique_ptr<TcpServer> make_poll_server(ServerConfig config) {
  return std::make_unique<TcpServerPoll>(std::move(config));
}

}  // namespace wirelab::servers
