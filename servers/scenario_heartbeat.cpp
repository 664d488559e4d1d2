// Scenario "heartbeat": a long-lived connection kept honest by application pings. The server
// answers the first pings, then goes silent without closing (a hung peer). TCP reports
// nothing wrong: no FIN, no RST, the connection is ESTABLISHED. The client's heartbeat
// timeout is what notices, and the client then closes.
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "servers/heartbeat_protocol.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "heartbeat",
    .help = "client pings every interval; the server stops answering; the client detects the missed heartbeat",
    .lesson = "A peer that hangs (or a path that silently drops everything) does not close the connection: "
              "TCP sends no FIN or RST and the socket stays ESTABLISHED. Only an application heartbeat with a "
              "timeout notices. Look for the last PING without a PONG, the gap of one timeout, and the client's "
              "close() that follows.",
    .uses_model = true,
    .default_clients = 1,
    .options_help = "--answered N (pongs before the server hangs, default 3) --interval-ms MS (default 200) "
                    "--timeout-ms MS (default 600)",
};

class HeartbeatScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string bad;
    const auto answered = ctx.options().number("answered", 3, &bad);
    const auto interval = ctx.options().number("interval-ms", 200, &bad);
    const auto timeout = ctx.options().number("timeout-ms", 600, &bad);
    if (!answered || !interval || !timeout) return Error{bad};
    if (*answered < 0 || *answered > 20 || *interval < 10 || *interval > 2000 || *timeout < 50 || *timeout > 3000)
      return Error{"heartbeat bounds: --answered 0..20, --interval-ms 10..2000, --timeout-ms 50..3000"};
    auto server = start_server_and_capture(ctx, std::make_shared<HeartbeatProtocol>(static_cast<int>(*answered)));
    if (!server) return server.error();
    std::mutex mu;
    std::vector<std::string> facts;
    const auto errors = run_clients(ctx.clients(), [&](int i) -> std::optional<Error> {
      const std::string actor = "client " + std::to_string(i);
      TcpClient client(&ctx.journal(), actor);
      if (auto err = client.connect((*server)->port())) return err;
      for (int n = 1; n <= *answered + 1; ++n) {
        if (ctx.past_deadline()) {  // the time limit, or a stop request: end the connection now
          client.close();
          return Error{actor + ": stopped after " + std::to_string(n - 1) + " pings (time limit or stop)"};
        }
        if (auto err = client.send_all("PING " + std::to_string(n) + "\n")) return err;
        const auto sent = std::chrono::steady_clock::now();
        if (!client.wait_readable(std::chrono::milliseconds(*timeout))) {
          const std::string fact = actor + ": no PONG " + std::to_string(n) + " within " + std::to_string(*timeout) +
                                   " ms: heartbeat missed, peer presumed dead, closing (TCP itself saw no problem)";
          client.tracer().note(SocketCall::Note, client.fd(), 0, "heartbeat missed: no PONG " + std::to_string(n));
          std::lock_guard lock(mu);
          facts.push_back(fact);
          break;
        }
        auto pong = client.recv_until("\n");
        if (!pong) return pong.error();
        if (*pong != "PONG " + std::to_string(n) + "\n") return Error{actor + ": unexpected answer " + *pong};
        std::this_thread::sleep_until(sent + std::chrono::milliseconds(*interval));
      }
      client.close();
      return std::nullopt;
    });
    const auto server_error = finish_server(ctx, **server);
    if (auto err = combine_errors(errors)) return err;
    if (server_error) return server_error;
    if (facts.size() != static_cast<std::size_t>(ctx.clients())) return Error{"a client never missed a heartbeat"};
    for (auto& f : facts) ctx.finding(std::move(f));
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<HeartbeatScenario>(); }

}  // namespace

ScenarioEntry heartbeat_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
