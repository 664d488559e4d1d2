// Scenarios ping (ICMP echo over a raw socket) and syn-probe (a hand-made SYN to a listening
// port). Both need CAP_NET_RAW, like the capture itself; without it the error names the fix.
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "servers/datagram_scenario_support.hpp"
#include "servers/raw_ping.hpp"
#include "servers/raw_syn_probe.hpp"

namespace wirelab::servers {
namespace {

class PingScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "ping",
      .help = "ICMP echo over a raw socket to 127.0.0.1: requests and replies matched by identifier and sequence",
      .lesson = "ping has no ports: an ICMP Echo Request carries an identifier (which ping) and a sequence "
                "number (which request), and the Echo Reply copies both back. A raw socket sees every ICMP "
                "packet the host receives, so ping must pick its own replies out, and on loopback even reads "
                "its own requests back.",
      .options_help = "--count N (1..10, default 3)"};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string err;
    const auto count = ctx.options().number("count", 3, &err);
    if (!count) return Error{err};
    if (*count < 1 || *count > 10) return Error{"--count takes 1..10, not " + std::to_string(*count)};
    std::mt19937 rng(std::random_device{}());
    const auto id = static_cast<std::uint16_t>(1 + rng() % 65535);
    // Only our pings: ICMP with our identifier (bytes 4-5 of the ICMP header).
    if (auto e = ctx.start_capture("icmp and icmp[4:2] == " + std::to_string(id))) return e;
    PingConfig config{.count = static_cast<int>(*count), .identifier = id};
    config.timeout_ms = bounded_ms(ctx, 1000);
    auto report = raw_ping(&ctx.journal(), config);
    if (!report) return report.error();
    for (const PingReply& r : report->replies) {
      ctx.finding("echo request id=" + std::to_string(id) + " seq=" + std::to_string(r.sequence) + " -> echo reply after " +
                  std::to_string(r.rtt_ns / 1000) + " us, ttl " + std::to_string(r.ttl) + ", " + std::to_string(r.icmp_bytes) +
                  " ICMP bytes, checksum " + (r.checksum_ok ? "ok" : "BAD"));
    }
    ctx.finding(std::to_string(report->sent) + " sent, " + std::to_string(report->replies.size()) + " answered; the raw socket "
                "also read our own " + std::to_string(report->own_requests_seen) + " requests back from lo");
    return std::nullopt;
  }
};

// A listening TCP socket on 127.0.0.1:0 that never accepts, journaled as "server".
class ProbedListener {
 public:
  explicit ProbedListener(Journal& journal) : tracer_(&journal, "server") {
    fd_ = tracer_.socket(SOCK_STREAM | SOCK_NONBLOCK);
    listening_ = fd_ >= 0 && tracer_.bind(fd_) == 0 && tracer_.listen(fd_, 8) == 0;
  }
  ~ProbedListener() {
    if (fd_ >= 0) tracer_.close(fd_);
  }
  ProbedListener(const ProbedListener&) = delete;
  ProbedListener& operator=(const ProbedListener&) = delete;

  bool listening() const { return listening_; }
  std::uint16_t port() const { return SocketTracer::local_port(fd_); }
  // A non-blocking accept(): the connection queue's state. Returns errno (0: accepted one).
  int try_accept() {
    const int fd = tracer_.accept(fd_);
    const int err = fd < 0 ? errno : 0;
    if (fd >= 0) {
      tracer_.close(fd);
    } else {
      tracer_.note(SocketCall::Accept, fd_, -1, std::string("accept() failed: ") + std::strerror(err));
    }
    return err;
  }

 private:
  SocketTracer tracer_;
  int fd_ = -1;
  bool listening_ = false;
};

class SynProbeScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "syn-probe",
      .help = "a raw-socket SYN to a listening port: SYN-ACK comes back, our kernel answers RST (half-open)",
      .lesson = "The handshake is the kernel's business: a listening socket answers any SYN with SYN-ACK before "
                "accept() is involved. Our SYN was hand-made on a raw socket, so our own kernel knows no such "
                "connection and answers the SYN-ACK with RST. The connection was half-open for a moment and "
                "accept() never sees it: what port scanners call a SYN scan.",
      .options_help = "--syns N (1..5, default 3)"};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string err;
    const auto syns = ctx.options().number("syns", 3, &err);
    if (!syns) return Error{err};
    if (*syns < 1 || *syns > 5) return Error{"--syns takes 1..5 (a handful), not " + std::to_string(*syns)};
    ProbedListener listener(ctx.journal());
    if (!listener.listening()) return Error{"cannot listen on 127.0.0.1: " + std::string(std::strerror(errno))};
    if (auto e = ctx.start_capture("tcp port " + std::to_string(listener.port()))) return e;
    auto report = raw_syn_probe(&ctx.journal(), {.target_port = listener.port(), .syns = static_cast<int>(*syns),
                                                 .timeout_ms = bounded_ms(ctx, 1000)});
    if (!report) return report.error();
    for (const SynProbeResult& p : report->probes) {
      ctx.finding("SYN from port " + std::to_string(p.source_port) + " -> " +
                  (p.syn_ack ? "SYN-ACK after " + std::to_string(p.syn_ack_after_ns / 1000) + " us" : std::string("no SYN-ACK")) +
                  " -> " + (p.rst ? "RST from our kernel (it never sent that SYN)" : std::string("no RST seen")));
    }
    const int accept_err = listener.try_accept();
    ctx.finding(std::string("accept() on the listener: ") +
                (accept_err == EAGAIN || accept_err == EWOULDBLOCK ? "EAGAIN, the half-open connections never reached it"
                                                                   : accept_err == 0 ? "a connection (unexpected)" : std::strerror(accept_err)));
    return std::nullopt;
  }
};

}  // namespace

ScenarioEntry ping_scenario() { return make_scenario_entry<PingScenario>(); }
ScenarioEntry syn_probe_scenario() { return make_scenario_entry<SynProbeScenario>(); }

}  // namespace wirelab::servers
