// Lab scenarios about ARP (RFC 826): `arp` (resolution and the cache) and `gratuitous-arp`
// (an announcement that moves a MAC in the neighbours' caches).
#include <string>
#include <thread>

#include "servers/lab_host_ops.hpp"
#include "servers/lab_scenarios.hpp"
#include "servers/lab_socket.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

std::string entry_or_none(std::string_view host, std::string_view ip) {
  std::string e = lab_neighbor_entry(host, ip);
  return e.empty() ? "no entry for " + std::string(ip) : e;
}

class ArpScenario final : public LabScenario {
 public:
  const ScenarioInfo& info() const override {
    static const ScenarioInfo kInfo{
        .name = "arp",
        .help = "lab: a's first datagram to b needs ARP (who-has, is-at); the second uses the cache; after a flush, ARP again",
        .lesson = "Before a's first IP packet to b can leave, a must know b's MAC: it broadcasts \"who has 198.18.0.2?\" "
                  "and b answers \"198.18.0.2 is at 02:77:6c:00:00:02\" by unicast; only then the datagram goes. The "
                  "second datagram needs no ARP: a's cache answers. `ip neigh flush` empties the cache, and the third "
                  "datagram is preceded by ARP again."};  // no model, one run of the exchange, no options
    return kInfo;
  }
  std::vector<std::string> capture_interfaces() const override { return {"wl-a-eth0"}; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    const std::string b_ip(lab_topology().interface_of("b")->ipv4);
    // Start from empty caches, whatever ran on this lab before.
    for (const char* host : {"a", "b"})
      if (auto e = flush_lab_neighbors(host)) return e;
    auto b = LabSocket::udp(ctx.journal(), "b");
    if (!b) return b.error();
    auto a = LabSocket::udp(ctx.journal(), "a");
    if (!a) return a.error();
    if (auto e = ctx.start_capture("arp or (udp and port " + std::to_string(b->port()) + ")")) return e;

    const char* contacts[] = {"first contact", "second contact", "after ip neigh flush"};
    for (const char* contact : contacts) {
      if (contact == contacts[2]) {
        journal_note(ctx.journal(), "a", "ip neigh flush dev wl-a-eth0");
        if (auto e = flush_lab_neighbors("a")) return e;
      }
      if (auto e = a->send_to(b_ip, b->port(), contact)) return e;
      auto got = b->receive(kExpectWait);
      if (!got || got->payload != contact)
        return Error{std::string("b did not receive a's datagram (") + contact + ") within 2 s"};
      ctx.finding(std::string(contact) + ": a's ARP cache now holds " + entry_or_none("a", b_ip));
    }
    return std::nullopt;
  }
};

class GratuitousArpScenario final : public LabScenario {
 public:
  static constexpr const char* kMovedMac = "02:77:6c:00:01:01";

  const ScenarioInfo& info() const override {
    static const ScenarioInfo kInfo{
        .name = "gratuitous-arp",
        .help = "lab: a changes its MAC and announces it with a gratuitous ARP; b's cache follows, b's next frame goes to the new MAC",
        .lesson = "A gratuitous ARP is a broadcast ARP request for the sender's own address (sender IP = target IP). "
                  "Nobody answers it; every host of the segment sees it, and those that already have an entry for the "
                  "address update it (Linux does not create new entries from it: arp_accept=0). Here a's network card "
                  "\"moves\" to a new MAC: after the announcement b sends to the new MAC without asking, while c, which "
                  "never talked to a, keeps no entry. Then a moves back and announces again."};  // no model, one run of the exchange, no options
    return kInfo;
  }
  std::vector<std::string> capture_interfaces() const override { return {"wl-b-eth0", "wl-c-eth0"}; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    const LabInterface& a_if = *lab_topology().interface_of("a");
    const std::string a_ip(a_if.ipv4);
    for (const char* host : {"b", "c"})
      if (auto e = flush_lab_neighbors(host)) return e;
    auto a = LabSocket::udp(ctx.journal(), "a");
    if (!a) return a.error();
    auto b = LabSocket::udp(ctx.journal(), "b");
    if (!b) return b.error();
    if (auto e = ctx.start_capture("arp or (udp and port " + std::to_string(a->port()) + ")")) return e;

    if (auto e = send_b_to_a(*b, *a, "before the move")) return e;
    ctx.finding("b's cache before the announcement: " + entry_or_none("b", a_ip));

    MacRestorer restore{ctx.journal(), std::string(a_if.mac_text)};
    journal_note(ctx.journal(), "a", std::string("ip link set dev wl-a-eth0 address ") + kMovedMac);
    if (auto e = set_lab_mac("a", kMovedMac)) return e;
    restore.armed = true;
    journal_note(ctx.journal(), "a", "gratuitous ARP: 198.18.0.1 is at " + std::string(kMovedMac));
    if (auto e = send_gratuitous_arp("a")) return e;
    if (auto e = wait_for_entry("b", a_ip, kMovedMac)) return e;
    ctx.finding("b's cache after the announcement: " + entry_or_none("b", a_ip));
    ctx.finding("c's cache after the announcement: " + entry_or_none("c", a_ip) +
                " (an announcement updates entries, it does not create them)");
    if (auto e = send_b_to_a(*b, *a, "after the move")) return e;
    return restore.restore();
  }

 private:
  // Puts a's MAC back (and announces it) however run() ends.
  struct MacRestorer {
    Journal& journal;
    std::string original;
    bool armed = false;
    std::optional<Error> restore() {
      if (!armed) return std::nullopt;
      armed = false;
      journal_note(journal, "a", "ip link set dev wl-a-eth0 address " + original + " (back), gratuitous ARP");
      if (auto e = set_lab_mac("a", original)) return e;
      return send_gratuitous_arp("a");
    }
    ~MacRestorer() { restore(); }
  };

  static std::optional<Error> send_b_to_a(LabSocket& b, LabSocket& a, const std::string& text) {
    const std::string a_ip(lab_topology().interface_of("a")->ipv4);
    if (auto e = b.send_to(a_ip, a.port(), text)) return e;
    auto got = a.receive(kExpectWait);
    if (!got || got->payload != text) return Error{"a did not receive b's datagram (" + text + ") within 2 s"};
    return std::nullopt;
  }

  // The announcement is processed by b's kernel asynchronously: wait (bounded) until b's cache shows it.
  static std::optional<Error> wait_for_entry(std::string_view host, std::string_view ip, std::string_view mac) {
    const auto deadline = std::chrono::steady_clock::now() + kExpectWait;
    while (std::chrono::steady_clock::now() < deadline) {
      if (lab_neighbor_entry(host, ip).find(mac) != std::string::npos) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Error{std::string(host) + "'s ARP cache did not take " + std::string(mac) + " for " + std::string(ip) +
                 " within 2 s of the gratuitous ARP"};
  }
};

}  // namespace

std::unique_ptr<LabScenario> make_arp_scenario() { return std::make_unique<ArpScenario>(); }
std::unique_ptr<LabScenario> make_gratuitous_arp_scenario() { return std::make_unique<GratuitousArpScenario>(); }

}  // namespace wirelab::servers
