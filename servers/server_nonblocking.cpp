// Model "nonblocking": no readiness API at all. One thread tries accept() and recv() on every
// non-blocking socket in turn; EAGAIN means "nothing yet". It works, but an idle server keeps
// spinning: here it sleeps 200 µs after a pass that found nothing, so it does not burn a core,
// and the journal notes how many empty passes (and EAGAINs) each piece of work cost.
#include <chrono>
#include <thread>
#include <vector>

#include "servers/event_loop_server.hpp"
#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerNonblocking final : public EventLoopServer {
 public:
  using EventLoopServer::EventLoopServer;
  ~TcpServerNonblocking() override { stop(); }
  std::string_view model() const override { return "nonblocking"; }

 protected:
  void run_loop() override {
    make_listener_nonblocking();
    std::uint64_t empty_passes = 0;
    std::uint64_t eagain_before = tracer().eagain_count();
    std::vector<int> fds;
    while (!stopping()) {
      bool progress = false;
      while (accept_one()) progress = true;
      fds.clear();
      for (auto& [fd, c] : connections()) fds.push_back(fd);
      for (int fd : fds) {
        auto it = connections().find(fd);
        if (it == connections().end()) continue;
        const bool had_output = it->second.wants_write();
        if (it->second.wants_read() && it->second.read(tracer(), false)) progress = true;
        if (it->second.wants_write()) it->second.flush(tracer());
        if (had_output && !it->second.wants_write()) progress = true;
        if (it->second.finished()) {
          close_connection(fd);
          progress = true;
        }
      }
      if (progress) {
        if (empty_passes > 0 && tracer().journal())
          tracer().note(SocketCall::Wakeup, -1, static_cast<std::int64_t>(empty_passes),
                        "busy loop: " + std::to_string(empty_passes) + " empty passes, " +
                            std::to_string(tracer().eagain_count() - eagain_before) + " EAGAIN before this work");
        empty_passes = 0;
        eagain_before = tracer().eagain_count();
      } else {
        ++empty_passes;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    }
  }
};

}  // namespace

std::unique_ptr<TcpServer> make_nonblocking_server(ServerConfig config) {
  return std::make_unique<TcpServerNonblocking>(std::move(config));
}

}  // namespace wirelab::servers
