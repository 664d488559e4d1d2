// Lab scenarios about IP across a router: `ttl` (RFC 791 time to live; ICMP time exceeded,
// RFC 792) and `routed` (a TCP echo a -> d: per hop, the MACs change while the IP packet stays).
#include <netinet/in.h>

#include <string>
#include <thread>

#include "servers/lab_scenarios.hpp"
#include "servers/lab_socket.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

class TtlScenario final : public LabScenario {
 public:
  const ScenarioInfo& info() const override {
    static const ScenarioInfo kInfo{
        .name = "ttl",
        .help = "lab: a datagram from a to d with TTL 1 dies at r (ICMP time exceeded from 198.18.0.254); with TTL 2 it arrives",
        .lesson = "Every router decrements the TTL of a packet it forwards and drops it when the TTL would reach 0, "
                  "answering the sender with ICMP time exceeded (type 11, code 0) from its own address on the "
                  "sender's side. A datagram sent to d with TTL 1 therefore never reaches segment 2; with TTL 2 it "
                  "arrives at d with TTL 1. traceroute is built on exactly this."};  // no model, one run of the exchange, no options
    return kInfo;
  }
  std::vector<std::string> capture_interfaces() const override { return {"wl-a-eth0", "wl-d-eth0"}; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    const std::string d_ip(lab_topology().interface_of("d")->ipv4);
    auto d = LabSocket::udp(ctx.journal(), "d");
    if (!d) return d.error();
    auto a = LabSocket::udp(ctx.journal(), "a");
    if (!a) return a.error();
    if (auto e = a->set_option(IPPROTO_IP, IP_RECVERR, 1, "IP_RECVERR=1")) return e;
    if (auto e = a->set_option(IPPROTO_IP, IP_TTL, 1, "IP_TTL=1")) return e;
    if (auto e = ctx.start_capture("icmp or (udp and port " + std::to_string(d->port()) + ")")) return e;

    if (auto e = a->send_to(d_ip, d->port(), "TTL 1")) return e;
    auto icmp = a->receive_icmp_error(kExpectWait);
    if (!icmp) return Error{"no ICMP error came back to a within 2 s of its TTL 1 datagram"};
    ctx.finding("TTL 1: a's socket error queue holds ICMP type " + std::to_string(icmp->icmp_type) + " code " +
                std::to_string(icmp->icmp_code) + " from " + icmp->offender + " (r, on a's side)");
    if (auto got = d->receive(kQuietWait)) return Error{"d received the TTL 1 datagram: r forwarded it"};
    ctx.finding("TTL 1: d received nothing");

    if (auto e = a->set_option(IPPROTO_IP, IP_TTL, 2, "IP_TTL=2")) return e;
    if (auto e = a->send_to(d_ip, d->port(), "TTL 2")) return e;
    auto got = d->receive(kExpectWait);
    if (!got || got->payload != "TTL 2") return Error{"d did not receive the TTL 2 datagram within 2 s"};
    ctx.finding("TTL 2: d received it (r forwarded it with TTL 1)");
    return std::nullopt;
  }
};

class RoutedScenario final : public LabScenario {
 public:
  const ScenarioInfo& info() const override {
    static const ScenarioInfo kInfo{
        .name = "routed",
        .help = "lab: a TCP echo from a to d through r, captured on both segments: same IP packet, new MACs, TTL - 1",
        .lesson = "Each packet of the connection is captured twice: on segment 1 (a <-> r) and on segment 2 (r <-> d). "
                  "The IP addresses, ports, IP ID and payload are the same in both copies; the Ethernet addresses are "
                  "not (a -> r's first interface, then r's second interface -> d), and r decremented the TTL (and so "
                  "rewrote the IP header checksum). Addresses name the ends; MACs name the current hop."};  // no model, one run of the exchange, no options
    return kInfo;
  }
  std::vector<std::string> capture_interfaces() const override { return {"wl-a-eth0", "wl-d-eth0"}; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    const std::string d_ip(lab_topology().interface_of("d")->ipv4);
    auto listener = LabSocket::tcp_listener(ctx.journal(), "d");
    if (!listener) return listener.error();
    if (auto e = ctx.start_capture("tcp port " + std::to_string(listener->port()))) return e;

    std::optional<Error> server_error;
    std::thread server([&] { server_error = echo_once(*listener); });
    std::optional<Error> client_error = talk(ctx, d_ip, listener->port());
    server.join();
    if (client_error) return client_error;
    return server_error;
  }

 private:
  static constexpr const char* kMessage = "hello d, this is a, through r";

  // d: accept one connection, echo what comes until the client closes, close.
  static std::optional<Error> echo_once(LabSocket& listener) {
    auto conn = listener.accept(kExpectWait);
    if (!conn) return conn.error();
    for (;;) {
      auto got = conn->receive(kExpectWait);
      if (!got) return Error{"d: the client sent nothing within 2 s"};
      if (got->error != 0 || got->payload.empty()) break;  // EOF (or reset): done
      if (auto e = conn->send(got->payload)) return e;
    }
    return std::nullopt;
  }

  static std::optional<Error> talk(ScenarioContext& ctx, const std::string& d_ip, std::uint16_t port) {
    auto client = LabSocket::tcp_connect(ctx.journal(), "a", d_ip, port, kExpectWait);
    if (!client) return client.error();
    if (auto e = client->send(kMessage)) return e;
    client->shutdown_write();
    std::string echoed;
    for (;;) {
      auto got = client->receive(kExpectWait);
      if (!got) return Error{"a: no echo from d within 2 s"};
      if (got->error != 0 || got->payload.empty()) break;
      echoed += got->payload;
    }
    if (echoed != kMessage) return Error{"a: the echo from d was \"" + echoed + "\", not what a sent"};
    ctx.finding("a got its " + std::to_string(echoed.size()) + " bytes back from d through r");
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LabScenario> make_ttl_scenario() { return std::make_unique<TtlScenario>(); }
std::unique_ptr<LabScenario> make_routed_scenario() { return std::make_unique<RoutedScenario>(); }

}  // namespace wirelab::servers
