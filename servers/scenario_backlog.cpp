// Scenario "backlog": a server that listens with backlog 1 and never calls accept(). Several
// clients connect (non-blocking, a few ms apart). The kernel completes handshakes into the
// accept queue until it is full (Linux allows backlog + 1 entries); SYNs after that are
// dropped, and those clients retransmit their SYN after the initial RTO (1 s), then 2 s later.
#include <fcntl.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "backlog",
    .help = "listen(backlog 1), never accept(): some handshakes complete, later SYNs are dropped and retransmitted",
    .lesson = "The handshake is done by the kernel, not by accept(): completed connections wait in the accept "
              "queue, whose length the listen() backlog bounds (Linux: backlog + 1). connect() succeeds for them "
              "although the server never accepted. Once the queue is full the kernel silently drops new SYNs; "
              "those clients see no SYN-ACK and retransmit the SYN after 1 s, then 3 s (exponential backoff). "
              "Closing the listener finally resets the queued, never-accepted connections (RST).",
    .uses_model = false,
    .default_clients = 4,
    .options_help = "--backlog N (default 1) --wait-ms MS (how long clients wait, default 2500, at most 8000)",
};

class BacklogScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string bad;
    const auto backlog = ctx.options().number("backlog", 1, &bad);
    const auto wait_ms = ctx.options().number("wait-ms", 2500, &bad);
    if (!backlog || !wait_ms) return Error{bad};
    if (*backlog < 0 || *backlog > 16 || *wait_ms < 100 || *wait_ms > 8000)
      return Error{"bounds: --backlog 0..16, --wait-ms 100..8000"};
    SocketTracer server(&ctx.journal(), "server");
    auto listener = listen_and_capture(ctx, server, static_cast<int>(*backlog));
    if (!listener) return listener.error();
    const int lfd = *listener;
    const std::uint16_t port = SocketTracer::local_port(lfd);
    server.note(SocketCall::Note, lfd, 0, "this server never calls accept()");

    struct Client {
      std::unique_ptr<SocketTracer> tracer;
      int fd = -1;
      std::chrono::steady_clock::time_point started;
      double connected_ms = -1;
    };
    std::vector<Client> clients(static_cast<std::size_t>(ctx.clients()));
    // Waits up to `ms` for pending connects to finish; journals each one that does.
    auto poll_pending = [&](long long ms) {
      std::vector<pollfd> pending;
      for (const Client& c : clients)
        if (c.fd >= 0 && c.connected_ms < 0) pending.push_back({c.fd, POLLOUT, 0});
      if (pending.empty() || ::poll(pending.data(), pending.size(), static_cast<int>(ms)) <= 0) return;
      for (const pollfd& p : pending)
        for (Client& c : clients)
          if (p.revents && c.fd == p.fd) {
            int soerr = 0;
            socklen_t len = sizeof soerr;
            ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
            c.connected_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - c.started).count();
            c.tracer->note(SocketCall::ConnectReturn, c.fd, soerr ? -1 : 0,
                           soerr ? std::string("connect failed: ") + std::strerror(soerr)
                                 : "connect completed: the connection waits in the accept queue");
          }
    };
    for (std::size_t i = 0; i < clients.size(); ++i) {
      Client& c = clients[i];
      c.tracer = std::make_unique<SocketTracer>(&ctx.journal(), "client " + std::to_string(i + 1));
      c.fd = c.tracer->socket(SOCK_STREAM | SOCK_NONBLOCK);
      c.started = std::chrono::steady_clock::now();
      if (c.fd >= 0) c.tracer->connect(c.fd, port);  // EINPROGRESS: the handshake goes on in the kernel
      poll_pending(20);  // a clear order on the wire, and a prompt completion time
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(*wait_ms);
    for (auto now = std::chrono::steady_clock::now(); now < until && !ctx.past_deadline();
         now = std::chrono::steady_clock::now()) {
      bool any_pending = false;
      for (const Client& c : clients) any_pending |= c.fd >= 0 && c.connected_ms < 0;
      if (!any_pending) break;
      // In slices, so that a stop request ends the wait promptly.
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count();
      poll_pending(std::min<long long>(100, left));
    }
    if (ctx.stop_requested()) {
      for (const Client& c : clients)
        if (c.fd >= 0) c.tracer->close(c.fd);
      server.close(lfd);
      return Error{"stopped before the clients' wait of " + std::to_string(*wait_ms) + " ms ended"};
    }
    int completed = 0;
    for (std::size_t i = 0; i < clients.size(); ++i) {
      const Client& c = clients[i];
      char ms[32];
      std::snprintf(ms, sizeof ms, "%.2f", c.connected_ms);
      if (c.connected_ms >= 0) {
        ++completed;
        ctx.finding("client " + std::to_string(i + 1) + ": connect() finished after " + ms +
                    " ms: handshake completed although accept() was never called");
      } else {
        ctx.finding("client " + std::to_string(i + 1) + ": no SYN-ACK within " + std::to_string(*wait_ms) +
                    " ms: with the accept queue full the kernel dropped its SYN (the capture shows it retransmitted)");
      }
      if (c.fd >= 0) c.tracer->close(c.fd);
    }
    ctx.finding(std::to_string(completed) + " of " + std::to_string(clients.size()) +
                " handshakes completed with listen backlog " + std::to_string(*backlog));
    server.close(lfd);
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<BacklogScenario>(); }

}  // namespace

ScenarioEntry backlog_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
