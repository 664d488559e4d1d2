// Lab scenario `echo`: the servers' echo scenario between lab hosts. The echo server, in any
// concurrency model (--model), runs on b; its clients run on a and c (odd clients on a, even on
// c), so the connections cross the bridge as real Ethernet frames after an ARP exchange.
#include <string>

#include "servers/echo_protocol.hpp"
#include "servers/lab_netns.hpp"
#include "servers/lab_scenarios.hpp"
#include "servers/lab_socket.hpp"
#include "servers/lab_topology.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"
#include "servers/tcp_server.hpp"

namespace wirelab::servers {
namespace {

class LabEchoScenario final : public LabScenario {
 public:
  const ScenarioInfo& info() const override {
    static const ScenarioInfo kInfo{
        .name = "echo",
        .help = "lab: the echo scenario between lab hosts: server (any --model) on b, clients on a and c",
        .lesson = "The same echo exchange as on loopback, now between hosts: before each client's SYN, its host "
                  "resolves b's MAC with ARP; the segments carry real Ethernet headers (client MAC -> b's MAC); and "
                  "the server sees peers with their own addresses (198.18.0.1, 198.18.0.3) instead of 127.0.0.1.",
        .uses_model = true,
        .default_clients = 2,
        .options_help = "--messages N (lines per client, default 3)"};
    return kInfo;
  }
  std::vector<std::string> capture_interfaces() const override { return {"wl-b-eth0"}; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string bad;
    const auto messages = ctx.options().number("messages", 3, &bad);
    if (!messages || *messages < 1 || *messages > 100000) return Error{bad.empty() ? "--messages takes 1 to 100000" : bad};
    const LabTopology& lab = lab_topology();
    const std::uint32_t server_ip = parse_ipv4(lab.interface_of("b")->ipv4);

    ServerConfig config;
    config.protocol = std::make_shared<EchoProtocol>();
    config.journal = &ctx.journal();
    config.actor = "server (b)";
    config.bind_ip = server_ip;
    std::unique_ptr<TcpServer> server = make_tcp_server(ctx.options().model, config);
    if (!server) return Error{"unknown model \"" + ctx.options().model + "\""};
    // The listening socket (and the model's loop thread, which inherits the namespace) are made inside b.
    auto started = run_in_netns(lab.host("b")->netns, [&] { return server->start(); });
    if (!started) return started.error();
    if (*started) return **started;
    if (auto e = ctx.start_capture("arp or tcp port " + std::to_string(server->port()))) {
      server->stop();
      return e;
    }

    const auto errors = run_clients(ctx.clients(), [&](int i) -> std::optional<Error> {
      const std::string host = i % 2 == 1 ? "a" : "c";
      TcpClient client(&ctx.journal(), "client " + std::to_string(i) + " (" + host + ")");
      auto connected = run_in_netns(lab.host(host)->netns, [&] { return client.connect_to(server_ip, server->port()); });
      if (!connected) return connected.error();
      if (*connected) return **connected;
      for (long long m = 1; m <= *messages; ++m) {
        const std::string line = "hello " + std::to_string(m) + " from client " + std::to_string(i) + " on " + host + "\n";
        if (auto err = client.send_all(line)) return err;
        auto echo = client.recv_exact(line.size());
        if (!echo) return echo.error();
        if (*echo != line) return Error{"client " + std::to_string(i) + ": echo differs from what was sent"};
      }
      client.close();
      return std::nullopt;
    });
    server->wait_until_idle(ctx.remaining());
    server->stop();
    if (auto err = combine_errors(errors)) return err;
    if (const std::string e = server->last_error(); !e.empty()) return Error{e};
    ctx.finding(std::to_string(ctx.clients()) + " clients on a and c x " + std::to_string(*messages) +
                " lines echoed intact by the " + std::string(server->model()) + " server on b (" +
                std::to_string(server->connections_accepted()) + " connections accepted)");
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LabScenario> make_lab_echo_scenario() { return std::make_unique<LabEchoScenario>(); }

}  // namespace wirelab::servers
