// Scenarios udp-echo, udp-chat, udp-broadcast and udp-overflow (see scenario.hpp for the rules:
// bind first, start the capture, then traffic; everything closed before run() returns).
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "servers/datagram_scenario_support.hpp"
#include "servers/udp_broadcast.hpp"
#include "servers/udp_chat_server.hpp"
#include "servers/udp_echo.hpp"
#include "servers/udp_overflow.hpp"

namespace wirelab::servers {
namespace {

constexpr int kMaxUdpClients = 50;

std::optional<Error> check_clients(const ScenarioContext& ctx, std::string_view name) {
  if (ctx.clients() > kMaxUdpClients)
    return Error{std::string(name) + " takes --clients 1.." + std::to_string(kMaxUdpClients) + ", not " + std::to_string(ctx.clients())};
  return std::nullopt;
}

std::string text_of(std::span<const std::byte> b) { return std::string(as_chars(b)); }

class UdpEchoScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "udp-echo",
      .help = "UDP echo: each client's datagram comes straight back; no handshake, no teardown",
      .lesson = "UDP has no connection: the client's sendto() is one datagram on the wire and the server's "
                "recvfrom() learns the sender from it, answering with one sendto(). No SYN, no FIN, no ACK: "
                "2 packets per message, and nothing on the wire says the exchange is over.",
      .default_clients = 3};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    if (auto e = check_clients(ctx, kInfo.name)) return e;
    Journal& journal = ctx.journal();
    UdpEchoServer server(&journal);
    auto port = server.start();
    if (!port) return port.error();
    std::vector<UdpEchoClient> clients;
    for (int i = 1; i <= ctx.clients(); ++i) {
      auto c = UdpEchoClient::open(&journal, "client " + std::to_string(i));
      if (!c) return c.error();
      clients.push_back(std::move(*c));
    }
    if (auto e = ctx.start_capture("udp port " + std::to_string(*port))) return e;
    const SockAddr addr{.ip = kLoopback, .port = *port};
    for (std::size_t i = 0; i < clients.size(); ++i) {
      const std::string msg = "hello from client " + std::to_string(i + 1);
      auto echoed = clients[i].echo(msg, addr, bounded_ms(ctx, 1000), 3);
      if (!echoed) return echoed.error();
      ctx.finding("client " + std::to_string(i + 1) + " (port " + std::to_string(clients[i].socket().local().port) +
                  "): sent " + std::to_string(msg.size()) + " bytes, got \"" + *echoed + "\" back from " + to_string(addr));
    }
    clients.clear();
    server.stop();
    ctx.finding("the server answered " + std::to_string(server.datagrams()) +
                " datagrams on one socket: no listen(), no accept(), no connection state");
    return std::nullopt;
  }
};

class UdpChatScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "udp-chat",
      .help = "UDP chat: the server relays each datagram to every other client it has heard from",
      .lesson = "A UDP server knows a client only because a datagram arrived from it: the chat server keeps "
                "the senders' addresses and relays each message with one sendto() per other client. One "
                "datagram in, N-1 datagrams out, all on the same server socket.",
      .default_clients = 3};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    if (auto e = check_clients(ctx, kInfo.name)) return e;
    if (ctx.clients() < 2) return Error{"udp-chat needs --clients 2 or more: a relay needs someone to relay to"};
    Journal& journal = ctx.journal();
    UdpChatServer server(&journal);
    auto port = server.start();
    if (!port) return port.error();
    std::vector<DatagramSocket> clients;
    for (int i = 1; i <= ctx.clients(); ++i) {
      auto c = DatagramSocket::open_udp(&journal, "client " + std::to_string(i));
      if (!c) return c.error();
      if (auto b = c->bind({.ip = kLoopback, .port = 0}); !b) return b.error();
      clients.push_back(std::move(*c));
    }
    if (auto e = ctx.start_capture("udp port " + std::to_string(*port))) return e;
    const SockAddr addr{.ip = kLoopback, .port = *port};
    std::vector<std::byte> buf(2048);
    // Everyone joins in turn; each join is relayed to those who joined before.
    for (std::size_t i = 0; i < clients.size(); ++i) {
      clients[i].send_to(as_bytes("client " + std::to_string(i + 1) + " joined"), addr);
      for (std::size_t j = 0; j < i; ++j) {
        if (clients[j].receive(buf, bounded_ms(ctx, 1000)).status != DatagramReceive::Status::Data)
          return Error{"client " + std::to_string(j + 1) + " did not get client " + std::to_string(i + 1) + "'s join"};
      }
    }
    // Then each says something; all the others must receive it.
    for (std::size_t i = 0; i < clients.size(); ++i) {
      const std::string msg = "hi from client " + std::to_string(i + 1);
      clients[i].send_to(as_bytes(msg), addr);
      int delivered = 0;
      for (std::size_t j = 0; j < clients.size(); ++j) {
        if (j == i) continue;
        const DatagramReceive r = clients[j].receive(buf, bounded_ms(ctx, 1000));
        if (r.status == DatagramReceive::Status::Data && text_of({buf.data(), r.size}) == msg) ++delivered;
      }
      ctx.finding("\"" + msg + "\": 1 datagram to the server, relayed to " + std::to_string(delivered) + " of " +
                  std::to_string(clients.size() - 1) + " other clients");
    }
    server.stop();
    clients.clear();
    return std::nullopt;
  }
};

class UdpBroadcastScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "udp-broadcast",
      .help = "UDP broadcast to 127.255.255.255: refused without SO_BROADCAST, then one datagram reaches every listener",
      .lesson = "Sending to a broadcast address is refused (EACCES) until the sender sets SO_BROADCAST, a "
                "guard against broadcasting by accident. Then one datagram on the wire is delivered to every "
                "socket bound to that port: the kernel copies it, the network carries it once.",
      .default_clients = 3};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    if (auto e = check_clients(ctx, kInfo.name)) return e;
    Journal& journal = ctx.journal();
    std::vector<DatagramSocket> listeners;
    std::uint16_t port = 0;
    for (int i = 1; i <= ctx.clients(); ++i) {
      auto l = open_broadcast_listener(&journal, "listener " + std::to_string(i), port);
      if (!l) return l.error();
      port = l->local().port;
      listeners.push_back(std::move(*l));
    }
    auto sender = DatagramSocket::open_udp(&journal, "sender");
    if (!sender) return sender.error();
    if (auto e = ctx.start_capture("udp port " + std::to_string(port))) return e;
    const SockAddr broadcast{.ip = kLoopbackBroadcast, .port = port};
    const std::string msg = "to everyone on port " + std::to_string(port);
    if (sender->send_to(as_bytes(msg), broadcast) < 0) {
      ctx.finding("sendto " + to_string(broadcast) + " without SO_BROADCAST: " + std::strerror(errno));
    } else {
      ctx.finding("sendto " + to_string(broadcast) + " without SO_BROADCAST was accepted (unexpected on Linux)");
    }
    if (!sender->set_int_option(SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST")) return Error{"setsockopt(SO_BROADCAST) failed"};
    if (sender->send_to(as_bytes(msg), broadcast) < 0)
      return Error{"sendto " + to_string(broadcast) + " failed even with SO_BROADCAST: " + std::strerror(errno)};
    int copies = 0;
    std::vector<std::byte> buf(2048);
    for (auto& l : listeners) {
      const DatagramReceive r = l.receive(buf, bounded_ms(ctx, 1000));
      if (r.status == DatagramReceive::Status::Data && text_of({buf.data(), r.size}) == msg) ++copies;
    }
    ctx.finding("with SO_BROADCAST: 1 datagram sent, " + std::to_string(copies) + " of " + std::to_string(listeners.size()) +
                " listeners on port " + std::to_string(port) + " received a copy");
    return std::nullopt;
  }
};

class UdpOverflowScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "udp-overflow",
      .help = "a burst into a small SO_RCVBUF that is read slowly: the kernel drops what does not fit, and counts it",
      .lesson = "UDP has no flow control: the sender's sendto() succeeds for every datagram, the capture shows "
                "them all on the wire, yet the slow receiver reads only some. The rest were dropped at its full "
                "receive queue; only counters tell: SO_RXQ_OVFL, SO_MEMINFO and Udp RcvbufErrors in /proc/net/snmp.",
      .default_clients = 1,
      .options_help = "--datagrams N (burst size, default 30, at most 5000) --rcvbuf BYTES (default 4096)"};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string err;
    const auto datagrams = ctx.options().number("datagrams", 30, &err);
    const auto rcvbuf = ctx.options().number("rcvbuf", 4096, &err);
    if (!datagrams || !rcvbuf) return Error{err};
    if (*datagrams < 1 || *datagrams > 5000) return Error{"--datagrams takes 1..5000, not " + std::to_string(*datagrams)};
    if (*rcvbuf < 256 || *rcvbuf > (1 << 24)) return Error{"--rcvbuf takes 256..16777216 bytes"};
    UdpOverflowConfig config;
    config.datagrams = static_cast<int>(*datagrams);
    config.rcvbuf = static_cast<int>(*rcvbuf);
    config.before_burst = [&ctx](std::uint16_t port) { return ctx.start_capture("udp port " + std::to_string(port)); };
    auto report = run_udp_overflow(&ctx.journal(), config);
    if (!report) return report.error();
    ctx.finding("SO_RCVBUF asked " + std::to_string(config.rcvbuf) + ", kernel set " + std::to_string(report->rcvbuf_effective) +
                " (Linux doubles the request for bookkeeping)");
    ctx.finding("sent " + std::to_string(report->sent) + " datagrams of " + std::to_string(config.payload) + " bytes, the slow reader got " +
                std::to_string(report->received) + ", the kernel dropped " + std::to_string(report->dropped) + " (SO_MEMINFO)");
    ctx.finding("SO_RXQ_OVFL on the reader's last datagrams said " + std::to_string(report->dropped_seen_by_reader) + " dropped so far");
    if (report->snmp_rcvbuf_errors_delta)
      ctx.finding("/proc/net/snmp Udp RcvbufErrors rose by " + std::to_string(*report->snmp_rcvbuf_errors_delta) +
                  " (system-wide: other sockets' drops count too)");
    return std::nullopt;
  }
};

}  // namespace

ScenarioEntry udp_echo_scenario() { return make_scenario_entry<UdpEchoScenario>(); }
ScenarioEntry udp_chat_scenario() { return make_scenario_entry<UdpChatScenario>(); }
ScenarioEntry udp_broadcast_scenario() { return make_scenario_entry<UdpBroadcastScenario>(); }
ScenarioEntry udp_overflow_scenario() { return make_scenario_entry<UdpOverflowScenario>(); }

}  // namespace wirelab::servers
