// Scenario "chat": N clients join a chat server; each says one line, which the server relays
// to all the others. One client's send() causes N-1 sends by the server.
#include <barrier>
#include <string>

#include "servers/chat_protocol.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "chat",
    .help = "N clients in a chat room: each line is relayed by the server to every other client",
    .lesson = "Fan-out: one client's line arrives once at the server and leaves it N-1 times, one send() per "
              "other connection. The server must keep every connection and write to connections other than "
              "the one that woke it, which is easy in one process (thread, select, poll, epoll, coroutine) and "
              "impossible across processes without extra IPC (so fork is refused here).",
    .uses_model = true,
    .default_clients = 3,
};

class ChatScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    if (ctx.options().model == "iterative")
      return Error{"chat needs every client connected at once; the iterative model serves one at a time. "
                   "Choose another --model"};
    auto server = start_server_and_capture(ctx, std::make_shared<ChatProtocol>());
    if (!server) return server.error();
    const int n = ctx.clients();
    std::barrier all_joined(n), all_heard(n);
    std::atomic<int> relayed{0};
    const auto errors = run_clients(n, [&](int i) -> std::optional<Error> {
      TcpClient client(&ctx.journal(), "client " + std::to_string(i));
      std::optional<Error> err = client.connect((*server)->port());
      if (!err) err = client.send_all("JOIN\n");
      if (!err)
        if (auto w = client.recv_until("\n"); !w) err = w.error();
      all_joined.arrive_and_wait();  // even on error: never leave the others waiting
      if (!err) err = client.send_all("hi, this is client " + std::to_string(i) + "\n");
      for (int k = 1; k < n && !err; ++k) {
        auto line = client.recv_until("\n");
        if (!line) err = line.error();
        else ++relayed;
      }
      all_heard.arrive_and_wait();
      client.close();
      return err;
    });
    const auto server_error = finish_server(ctx, **server);
    if (auto err = combine_errors(errors)) return err;
    if (server_error) return server_error;
    ctx.finding(std::to_string(n) + " lines sent, " + std::to_string(relayed.load()) +
                " relayed lines received (each line reached the " + std::to_string(n - 1) + " other clients)");
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<ChatScenario>(); }

}  // namespace

ScenarioEntry chat_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
