// Scenario "time-wait": the server closes first, so the server's end of the connection goes
// to TIME-WAIT (2 x MSL; 60 s on Linux). Then the server tries to bind its port again:
// without SO_REUSEADDR bind() fails with EADDRINUSE because of that TIME-WAIT socket; with
// SO_REUSEADDR it succeeds (the first listener had it too: Linux requires it on both).
#include <cerrno>
#include <cstring>
#include <string>

#include "servers/kernel_tcp_table.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "time-wait",
    .help = "server closes first and sits in TIME-WAIT; rebinding its port fails without SO_REUSEADDR, works with it",
    .lesson = "Whoever sends the first FIN (the active closer) ends in TIME-WAIT for 2 x MSL (Linux: 60 s), so "
              "that late segments of this connection cannot be mistaken for a new one. Here the server closes "
              "first. While that TIME-WAIT socket exists, bind() to the same port fails with EADDRINUSE; "
              "SO_REUSEADDR tells the kernel a TIME-WAIT socket on the port is acceptable, and bind() succeeds. "
              "On Linux both sockets need it (the old one passes it on to its TIME-WAIT remains), which is why "
              "servers set SO_REUSEADDR on every listener from the first start on.",
    .uses_model = false,
    .default_clients = 1,
};

class TimeWaitScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    SocketTracer server(&ctx.journal(), "server");
    // SO_REUSEADDR on the first listener too: its TIME-WAIT remains inherit the flag, and Linux
    // lets a new socket bind over a TIME-WAIT one only when BOTH have it, which is why servers
    // set it from the first start on.
    auto listener = listen_and_capture(ctx, server, 4, /*reuse_addr=*/true);
    if (!listener) return listener.error();
    const int lfd = *listener;
    const std::uint16_t port = SocketTracer::local_port(lfd);
    {
      TcpClient client(&ctx.journal(), "client 1");
      if (auto err = client.connect(port)) {  // completes in the kernel: no accept() needed yet
        server.close(lfd);
        return err;
      }
      const int conn = server.accept(lfd);
      if (conn < 0) {
        server.close(lfd);
        return Error{std::string("accept(): ") + std::strerror(errno)};
      }
      server.send(conn, "bye\n", 4);
      server.close(conn);  // the server's FIN goes first: the server is the active closer
      auto rest = client.recv_to_eof();
      client.close();  // the client answers with its own FIN (passive close: LAST-ACK, no TIME-WAIT)
      if (!rest || *rest != "bye\n") {
        server.close(lfd);
        return rest ? Error{"client: unexpected data"} : rest.error();
      }
    }
    server.close(lfd);
    const int tw = count_in_state(kernel_tcp_sockets(), port, kKernelTimeWait);
    ctx.finding("kernel: " + std::to_string(tw) + " socket(s) on the server's port " + std::to_string(port) +
                " in TIME-WAIT after the server closed first");

    // Restart attempt 1: no SO_REUSEADDR.
    const int s1 = server.socket();
    const int r1 = server.bind(s1, port);
    const int e1 = errno;
    server.close(s1);
    ctx.finding(std::string("bind(") + std::to_string(port) + ") without SO_REUSEADDR: " +
                (r1 == 0 ? "succeeded" : std::string("failed with ") + (e1 == EADDRINUSE ? "EADDRINUSE" : std::strerror(e1))));
    // Restart attempt 2: with SO_REUSEADDR.
    const int s2 = server.socket();
    server.set_int_option(s2, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
    const int r2 = server.bind(s2, port);
    const int e2 = errno;
    const int l2 = r2 == 0 ? server.listen(s2, 4) : -1;
    server.close(s2);
    ctx.finding(std::string("bind(") + std::to_string(port) + ") with SO_REUSEADDR: " +
                (r2 == 0 && l2 == 0 ? "succeeded (and listen() too)" : std::string("failed: ") + std::strerror(e2)));
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<TimeWaitScenario>(); }

}  // namespace

ScenarioEntry time_wait_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
