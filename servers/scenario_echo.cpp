// Scenario "echo": N clients at once, each sends a few lines and reads each echo back, then
// closes. The client closes first, so the client ends in TIME-WAIT.
#include <string>

#include "servers/echo_protocol.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "echo",
    .help = "N clients send lines to an echo server (any --model) and read them back",
    .lesson = "Look at the order: the three-way handshake completes in the kernel before accept() returns; each "
              "send() becomes a segment and comes back as the echo; the client's close() sends the first FIN, so "
              "the client is the active closer and its end of the connection sits in TIME-WAIT. Compare the "
              "server's wake-ups across models (select/poll/epoll report how many fds were ready).",
    .uses_model = true,
    .default_clients = 3,
    .options_help = "--messages N (lines per client, default 3)",
};

class EchoScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string bad;
    const auto messages = ctx.options().number("messages", 3, &bad);
    if (!messages || *messages < 1 || *messages > 100000) return Error{bad.empty() ? "--messages takes 1 to 100000" : bad};
    auto server = start_server_and_capture(ctx, std::make_shared<EchoProtocol>());
    if (!server) return server.error();
    const auto errors = run_clients(ctx.clients(), [&](int i) -> std::optional<Error> {
      TcpClient client(&ctx.journal(), "client " + std::to_string(i));
      if (auto err = client.connect((*server)->port())) return err;
      for (long long m = 1; m <= *messages; ++m) {
        const std::string line = "hello " + std::to_string(m) + " from client " + std::to_string(i) + "\n";
        if (auto err = client.send_all(line)) return err;
        auto echo = client.recv_exact(line.size());
        if (!echo) return echo.error();
        if (*echo != line) return Error{"client " + std::to_string(i) + ": echo differs from what was sent"};
      }
      client.close();
      return std::nullopt;
    });
    const auto server_error = finish_server(ctx, **server);
    if (auto err = combine_errors(errors)) return err;
    if (server_error) return server_error;
    ctx.finding(std::to_string(ctx.clients()) + " clients x " + std::to_string(*messages) +
                " lines echoed intact by the " + std::string((*server)->model()) + " server (" +
                std::to_string((*server)->connections_accepted()) + " connections accepted)");
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<EchoScenario>(); }

}  // namespace

ScenarioEntry echo_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
