// Lab scenarios about where UDP datagrams go: `udp-broadcast` (a broadcast stays on its
// segment) and `port-unreachable` (a closed port answers with ICMP, RFC 792 / RFC 1122 4.1.3.1).
#include <netinet/in.h>

#include <cstring>
#include <string>

#include "servers/lab_scenarios.hpp"
#include "servers/lab_socket.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

class UdpBroadcastScenario final : public LabScenario {
 public:
  const ScenarioInfo& info() const override {
    static const ScenarioInfo kInfo{
        .name = "udp-broadcast",
        .help = "lab: a broadcasts to 198.18.0.255 and 255.255.255.255; b and c receive both, d behind the router none",
        .lesson = "A broadcast goes to Ethernet address ff:ff:ff:ff:ff:ff, so no ARP is needed and the bridge floods it "
                  "to every port of the segment: b and c receive both datagrams (the subnet's broadcast address "
                  "198.18.0.255 and the limited broadcast 255.255.255.255). r receives them too but does not forward "
                  "broadcasts, so d, on the other segment, sees nothing."};  // no model, one run of the exchange, no options
    return kInfo;
  }
  std::vector<std::string> capture_interfaces() const override {
    return {"wl-a-eth0", "wl-b-eth0", "wl-c-eth0", "wl-d-eth0"};
  }

  std::optional<Error> run(ScenarioContext& ctx) override {
    // Receivers on b, c and d, all on one port, bound to 0.0.0.0 (a socket bound to its unicast
    // address does not receive broadcasts).
    auto b = LabSocket::udp(ctx.journal(), "b", 0, LabSocket::BindTo::AnyAddress);
    if (!b) return b.error();
    const std::uint16_t port = b->port();
    auto c = LabSocket::udp(ctx.journal(), "c", port, LabSocket::BindTo::AnyAddress);
    if (!c) return c.error();
    auto d = LabSocket::udp(ctx.journal(), "d", port, LabSocket::BindTo::AnyAddress);
    if (!d) return d.error();
    auto a = LabSocket::udp(ctx.journal(), "a");
    if (!a) return a.error();
    if (auto e = a->set_option(SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST=1")) return e;
    if (auto e = a->bind_to_lab_device()) return e;
    if (auto e = ctx.start_capture("udp port " + std::to_string(port))) return e;

    const std::string subnet_broadcast(lab_topology().segment(0)->broadcast);
    if (auto e = a->send_to(subnet_broadcast, port, "to " + subnet_broadcast)) return e;
    if (auto e = a->send_to("255.255.255.255", port, "to 255.255.255.255")) return e;

    for (LabSocket* receiver : {&*b, &*c, &*d}) {
      const bool behind_router = receiver->host() == "d";
      int received = 0;
      while (received < 2) {
        auto got = receiver->receive(behind_router ? kQuietWait : kExpectWait);
        if (!got) break;
        ++received;
      }
      ctx.finding(receiver->host() + " received " + std::to_string(received) + " of the 2 broadcasts" +
                  (behind_router ? " (r does not forward broadcasts)" : ""));
      if (!behind_router && received != 2)
        return Error{receiver->host() + " received " + std::to_string(received) + " of the 2 broadcasts within 2 s"};
    }
    return std::nullopt;
  }
};

class PortUnreachableScenario final : public LabScenario {
 public:
  const ScenarioInfo& info() const override {
    static const ScenarioInfo kInfo{
        .name = "port-unreachable",
        .help = "lab: a sends a UDP datagram to a closed port on b; b answers ICMP port unreachable (3/3) quoting it",
        .lesson = "UDP has no handshake, so a learns that nobody listens only because b's kernel answers the datagram "
                  "with ICMP destination unreachable, code 3 (port unreachable). The ICMP message quotes the offending "
                  "datagram's IP header and the start of its payload (here the UDP header with both ports), so a's "
                  "kernel can find the socket that sent it; a connected UDP socket then sees ECONNREFUSED."};  // no model, one run of the exchange, no options
    return kInfo;
  }
  std::vector<std::string> capture_interfaces() const override { return {"wl-a-eth0"}; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    const std::string b_ip(lab_topology().interface_of("b")->ipv4);
    std::uint16_t closed_port = 0;
    {  // a port that was just free on b, closed again: nothing listens there now
      auto probe = LabSocket::udp(ctx.journal(), "b");
      if (!probe) return probe.error();
      closed_port = probe->port();
    }
    auto a = LabSocket::udp(ctx.journal(), "a");
    if (!a) return a.error();
    if (auto e = a->connect_udp(b_ip, closed_port)) return e;
    if (auto e = ctx.start_capture("icmp or (udp and port " + std::to_string(closed_port) + ")")) return e;
    if (auto e = a->send("anyone on port " + std::to_string(closed_port) + "?")) return e;
    auto got = a->receive(kExpectWait);
    if (!got || got->error != ECONNREFUSED)
      return Error{"a's connected socket did not report ECONNREFUSED within 2 s of sending to closed port " +
                   std::to_string(closed_port) + " on b"};
    ctx.finding("a's recv() failed with ECONNREFUSED (" + std::string(std::strerror(got->error)) +
                "): b's ICMP port unreachable, matched to a's socket by the ports in the quoted UDP header");
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LabScenario> make_udp_broadcast_scenario() { return std::make_unique<UdpBroadcastScenario>(); }
std::unique_ptr<LabScenario> make_port_unreachable_scenario() { return std::make_unique<PortUnreachableScenario>(); }

}  // namespace wirelab::servers
