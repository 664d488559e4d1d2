// Scenario "refused": connect() to a port where nothing listens. The kernel answers the SYN
// with RST+ACK and connect() fails with ECONNREFUSED.
//
// The port is reserved by a socket that is bound but not listening: nobody else can take it
// during the run, and a SYN to a bound-but-not-listening port is refused like any closed port.
#include <cerrno>
#include <cstring>
#include <string>

#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "refused",
    .help = "connect() to a closed port: SYN answered by RST, connect() fails with ECONNREFUSED",
    .lesson = "When no socket listens on a port, the kernel itself answers a SYN with RST+ACK (acknowledging the "
              "SYN's sequence number). No application is involved. connect() returns -1 with ECONNREFUSED about "
              "one round trip after it was called; no connection ever existed, so nothing needs closing on the "
              "wire.",
    .uses_model = false,
    .default_clients = 1,
};

class RefusedScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    SocketTracer reserve(&ctx.journal(), "reserver");
    const int holder = reserve.socket();
    if (holder < 0 || reserve.bind(holder) != 0) {
      const std::string why = std::strerror(errno);
      if (holder >= 0) reserve.close(holder);
      return Error{"cannot reserve a closed port: " + why};
    }
    const std::uint16_t port = SocketTracer::local_port(holder);
    std::optional<Error> err = ctx.start_capture("tcp port " + std::to_string(port));
    std::vector<std::string> errors;
    int refused = 0;
    if (!err)
      errors = run_clients(ctx.clients(), [&](int i) -> std::optional<Error> {
        TcpClient client(&ctx.journal(), "client " + std::to_string(i));
        auto e = client.connect(port);
        if (!e) return Error{"client " + std::to_string(i) + ": connect() to a closed port succeeded?"};
        if (e->message.find(std::strerror(ECONNREFUSED)) == std::string::npos) return e;
        return std::nullopt;
      });
    reserve.close(holder);
    if (err) return err;
    if (auto e = combine_errors(errors)) return e;
    for (const auto& e : ctx.journal().snapshot())
      if (e.call == SocketCall::ConnectReturn && e.err == ECONNREFUSED) ++refused;
    ctx.finding(std::to_string(refused) + " connect() call(s) to 127.0.0.1:" + std::to_string(port) +
                " failed with ECONNREFUSED");
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<RefusedScenario>(); }

}  // namespace

ScenarioEntry refused_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
