#include "servers/raw_ping.hpp"

#include <netinet/in.h>
#include <unistd.h>

#include <chrono>

#include "decode/ipv4.hpp"

namespace wirelab::servers {
namespace {

constexpr std::uint8_t kEchoReply = 0;
constexpr std::uint8_t kEchoRequest = 8;

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::vector<std::byte> icmp_echo_request(std::uint16_t identifier, std::uint16_t sequence, std::size_t payload) {
  //  type(1) code(1) checksum(2) identifier(2) sequence(2) data...
  std::vector<std::byte> m(8 + payload);
  m[0] = std::byte{kEchoRequest};
  m[4] = static_cast<std::byte>(identifier >> 8);
  m[5] = static_cast<std::byte>(identifier & 0xff);
  m[6] = static_cast<std::byte>(sequence >> 8);
  m[7] = static_cast<std::byte>(sequence & 0xff);
  for (std::size_t i = 0; i < payload; ++i) m[8 + i] = static_cast<std::byte>('a' + i % 26);
  const std::uint16_t sum = decode::internet_checksum(Bytes(m.data(), m.size()));
  m[2] = static_cast<std::byte>(sum >> 8);
  m[3] = static_cast<std::byte>(sum & 0xff);
  return m;
}

Result<PingReport> raw_ping(Journal* journal, const PingConfig& config) {
  if ((config.target >> 24) != 127) return Error{"ping targets loopback only (127.0.0.0/8), not " + to_string({config.target, 0})};
  if (config.count < 1 || config.count > 20) return Error{"ping count must be 1..20, not " + std::to_string(config.count)};
  auto sock = DatagramSocket::open_raw(journal, "pinger", IPPROTO_ICMP);
  if (!sock) return sock.error();

  PingReport report;
  report.identifier = config.identifier != 0 ? config.identifier : static_cast<std::uint16_t>(::getpid() & 0xffff);
  std::vector<std::byte> buf(65536);
  for (int i = 1; i <= config.count; ++i) {
    const auto seq = static_cast<std::uint16_t>(i);
    const auto request = icmp_echo_request(report.identifier, seq, config.payload);
    const std::int64_t sent_at = steady_ns();
    if (sock->send_to(request, {.ip = config.target, .port = 0}) < 0) return Error{"sendto of ICMP echo request failed"};
    ++report.sent;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.timeout_ms);
    for (;;) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) break;  // lost: counted by the caller as sent - replies
      const DatagramReceive r = sock->receive(buf, static_cast<int>(left));
      if (r.status != DatagramReceive::Status::Data) break;
      // A raw socket gets the whole IPv4 datagram: header first.
      auto ip = decode::ipv4(Bytes(buf.data(), r.size), 0);
      if (!ip) continue;
      const Bytes icmp = ip->payload();
      if (icmp.size() < 8 || load_be16(icmp, 4) != report.identifier || load_be16(icmp, 6) != seq) continue;
      if (load_u8(icmp, 0) == kEchoRequest) {
        ++report.own_requests_seen;
        continue;
      }
      if (load_u8(icmp, 0) != kEchoReply || ip->src() != config.target) continue;
      report.replies.push_back({.sequence = seq,
                                .rtt_ns = steady_ns() - sent_at,
                                .ttl = ip->ttl(),
                                .icmp_bytes = icmp.size(),
                                .checksum_ok = decode::internet_checksum(icmp) == 0});
      break;
    }
  }
  return report;
}

}  // namespace wirelab::servers
