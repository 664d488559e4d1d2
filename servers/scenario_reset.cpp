// Scenario "reset": the client aborts its connection with SO_LINGER {on, 0}: close() then
// sends RST instead of FIN, and the server's next recv() fails with ECONNRESET.
#include <cerrno>
#include <string>
#include <vector>

#include "servers/echo_protocol.hpp"
#include "servers/kernel_tcp_table.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "reset",
    .help = "client closes with SO_LINGER 0: an RST instead of a FIN; the server's recv() gets ECONNRESET",
    .lesson = "With SO_LINGER on and a linger time of 0, close() aborts: unsent data is discarded and the kernel "
              "sends RST instead of FIN. There is no four-way teardown and no TIME-WAIT on either side; the "
              "peer learns of it as ECONNRESET from its next recv() (or EPIPE from a send()).",
    .uses_model = true,
    .default_clients = 1,
};

class ResetScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    auto server = start_server_and_capture(ctx, std::make_shared<EchoProtocol>());
    if (!server) return server.error();
    const std::uint16_t port = (*server)->port();
    // Each client's port: the TIME-WAIT count below is of these connections only (an earlier
    // connection elsewhere on this host may sit in TIME-WAIT on a port that is now the server's).
    std::vector<std::uint16_t> client_ports(static_cast<std::size_t>(ctx.clients()), 0);
    const auto errors = run_clients(ctx.clients(), [&](int i) -> std::optional<Error> {
      TcpClient client(&ctx.journal(), "client " + std::to_string(i));
      if (auto err = client.connect(port)) return err;
      client_ports[static_cast<std::size_t>(i - 1)] = client.local_port();  // clients count from 1
      if (auto err = client.send_all("hello, then goodbye without a FIN\n")) return err;
      if (auto echo = client.recv_exact(34); !echo) return echo.error();
      if (client.tracer().set_linger(client.fd(), true, 0) != 0) return Error{"setsockopt(SO_LINGER) failed"};
      client.close();  // RST
      return std::nullopt;
    });
    const auto server_error = finish_server(ctx, **server);
    if (auto err = combine_errors(errors)) return err;
    if (server_error) return server_error;
    int resets = 0;
    for (const auto& e : ctx.journal().snapshot())
      if (e.actor == "server" && e.call == SocketCall::Recv && e.err == ECONNRESET) ++resets;
    ctx.finding("server: " + std::to_string(resets) + " recv() call(s) failed with ECONNRESET");
    int time_wait = 0;
    for (const auto& k : kernel_tcp_sockets()) {
      if (k.state != kKernelTimeWait) continue;
      for (const std::uint16_t c : client_ports)
        if ((k.local_port == port && k.remote_port == c) || (k.local_port == c && k.remote_port == port)) ++time_wait;
    }
    ctx.finding("kernel: " + std::to_string(time_wait) + " TIME-WAIT socket(s) for the connections to port " +
                std::to_string(port) + " (an aborted connection skips TIME-WAIT)");
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<ResetScenario>(); }

}  // namespace

ScenarioEntry reset_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
