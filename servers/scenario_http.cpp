// Scenarios "http-short" (HTTP/1.0: one request per connection, the server closes) and
// "http-keepalive" (HTTP/1.1: several requests on one connection, the client closes).
#include <string>

#include "servers/http_protocol.hpp"
#include "servers/kernel_tcp_table.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kShortInfo{
    .name = "http-short",
    .help = "HTTP/1.0: every request on a new connection, closed by the server after the response",
    .lesson = "Each request pays a full handshake and teardown. The server closes first (it sends the first FIN "
              "right after the response), so the server is the active closer and its side of every connection "
              "sits in TIME-WAIT: a busy HTTP/1.0 server accumulates TIME-WAIT sockets.",
    .uses_model = true,
    .default_clients = 2,
    .options_help = "--requests N (per client, default 3)",
};

const ScenarioInfo kKeepAliveInfo{
    .name = "http-keepalive",
    .help = "HTTP/1.1 keep-alive: several requests on one connection, closed by the client",
    .lesson = "One handshake carries every request: request, response, request, response on the same ports. "
              "The response's Content-Length tells the client where it ends (the connection does not close "
              "after it). The client closes at the end, so TIME-WAIT is on the client side.",
    .uses_model = true,
    .default_clients = 2,
    .options_help = "--requests N (per client, default 3)",
};

// Reads one response: headers, then exactly Content-Length body bytes.
Result<std::string> read_response(TcpClient& c) {
  auto head = c.recv_until("\r\n\r\n");
  if (!head) return head.error();
  const auto at = head->find("Content-Length: ");
  if (at == std::string::npos) return Error{c.tracer().actor() + ": response without Content-Length"};
  const std::size_t len = std::stoul(head->substr(at + 16));
  auto body = c.recv_exact(len);
  if (!body) return body.error();
  return *head + *body;
}

class HttpScenario final : public Scenario {
 public:
  explicit HttpScenario(bool keep_alive) : keep_alive_(keep_alive) {}
  const ScenarioInfo& info() const override { return keep_alive_ ? kKeepAliveInfo : kShortInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string bad;
    const auto requests = ctx.options().number("requests", 3, &bad);
    if (!requests || *requests < 1 || *requests > 1000) return Error{bad.empty() ? "--requests takes 1 to 1000" : bad};
    auto server = start_server_and_capture(ctx, std::make_shared<HttpProtocol>());
    if (!server) return server.error();
    const std::uint16_t port = (*server)->port();
    std::atomic<int> ok{0};
    const auto errors = run_clients(ctx.clients(), [&](int i) -> std::optional<Error> {
      TcpClient client(&ctx.journal(), "client " + std::to_string(i));
      for (long long r = 1; r <= *requests; ++r) {
        const std::string path = "/client" + std::to_string(i) + "/page" + std::to_string(r);
        if (!keep_alive_ || r == 1)
          if (auto err = client.connect(port)) return err;
        const std::string req = keep_alive_ ? "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                            : "GET " + path + " HTTP/1.0\r\n\r\n";
        if (auto err = client.send_all(req)) return err;
        if (keep_alive_) {
          auto resp = read_response(client);
          if (!resp) return resp.error();
          if (resp->find("200 OK") == std::string::npos) return Error{"client " + std::to_string(i) + ": not 200 OK"};
        } else {
          auto resp = client.recv_to_eof();  // HTTP/1.0: the response ends when the server closes
          if (!resp) return resp.error();
          if (resp->find("200 OK") == std::string::npos) return Error{"client " + std::to_string(i) + ": not 200 OK"};
          client.close();
        }
        ++ok;
      }
      client.close();
      return std::nullopt;
    });
    const auto server_error = finish_server(ctx, **server);
    const auto table = kernel_tcp_sockets();
    int client_tw = 0;
    for (const auto& k : table)
      if (k.remote_port == port && k.state == kKernelTimeWait) ++client_tw;
    const int server_tw = count_in_state(table, port, kKernelTimeWait);
    if (auto err = combine_errors(errors)) return err;
    if (server_error) return server_error;
    const auto conns = (*server)->connections_accepted();
    ctx.finding(std::to_string(ok.load()) + " responses over " + std::to_string(conns) + " connection" +
                (conns == 1 ? "" : "s") + (keep_alive_ ? " (keep-alive: one per client)" : " (one per request)"));
    ctx.finding("kernel: " + std::to_string(server_tw) + " TIME-WAIT socket(s) on the server's port " +
                std::to_string(port) + ", " + std::to_string(client_tw) + " on client ports (" +
                (keep_alive_ ? "the clients closed first)" : "the server closed first after each response)"));
    return std::nullopt;
  }

 private:
  bool keep_alive_;
};

std::unique_ptr<Scenario> make_short() { return std::make_unique<HttpScenario>(false); }
std::unique_ptr<Scenario> make_keepalive() { return std::make_unique<HttpScenario>(true); }

}  // namespace

ScenarioEntry http_short_scenario() { return {&kShortInfo, make_short}; }
ScenarioEntry http_keepalive_scenario() { return {&kKeepAliveInfo, make_keepalive}; }

}  // namespace wirelab::servers
