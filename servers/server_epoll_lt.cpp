// Model "epoll-lt": one thread, epoll level-triggered. The kernel keeps the interest list;
// epoll_wait returns only ready fds. Level-triggered means "ready while there is something
// to do": one recv() per wake-up is fine, epoll_wait reports the fd again if bytes remain.
// EPOLLOUT is asked for only while output is pending (else it would fire on every call).
#include <cerrno>
#include <cstring>
#include <vector>

#include "servers/epoll_set.hpp"
#include "servers/event_loop_server.hpp"
#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerEpollLt final : public EventLoopServer {
 public:
  using EventLoopServer::EventLoopServer;
  ~TcpServerEpollLt() override { stop(); }
  std::string_view model() const override { return "epoll-lt"; }

 protected:
  void on_opened(LoopConnection& c) override {
    ep_.add(c.fd(), EPOLLIN);
    const auto fd = static_cast<std::size_t>(c.fd());
    if (fd >= registered_.size()) registered_.resize(fd + 1, 0);
    registered_[fd] = EPOLLIN;
  }
  void on_closing(LoopConnection& c) override {
    ep_.remove(c.fd());
    registered_[static_cast<std::size_t>(c.fd())] = 0;
  }

  void run_loop() override {
    if (!open_epoll(ep_, EPOLLIN)) return;
    std::vector<epoll_event> ready;
    while (wait_epoll(ep_, ready, "epoll_wait") >= 0) {
      for (const epoll_event& e : ready) {
        const int fd = e.data.fd;
        if (fd == wake().fd()) {
          wake().clear();
        } else if (fd == listen_fd()) {
          accept_one();  // one per wake-up: level-triggered reports the listener again if more wait
        } else if (LoopConnection* c = find_connection(fd)) {
          const bool readable = e.events & (EPOLLIN | EPOLLHUP | EPOLLERR);
          if (service(*c, readable, e.events & EPOLLOUT, false)) update_interest(*c);
        }
      }
    }
  }

 private:
  void update_interest(const LoopConnection& c) {
    const std::uint32_t want = (c.wants_read() ? EPOLLIN : 0u) | (c.wants_write() ? EPOLLOUT : 0u);
    // Only a change costs an epoll_ctl: an echo that sends everything at once never asks for EPOLLOUT.
    std::uint32_t& cur = registered_[static_cast<std::size_t>(c.fd())];
    if (want != cur) {
      ep_.modify(c.fd(), want);
      cur = want;
    }
  }
  EpollSet ep_;
  std::vector<std::uint32_t> registered_;  // fd -> the events epoll watches for it
};

}  // namespace

std::unique_ptr<TcpServer> make_epoll_lt_server(ServerConfig config) {
  return std::make_unique<TcpServerEpollLt>(std::move(config));
}

}  // namespace wirelab::servers
