// ping over a raw ICMP socket (RFC 792 echo): we build each Echo Request ourselves (type 8,
// our identifier, a sequence number, checksum) and pick our Echo Replies (type 0, same id and
// seq) out of everything ICMP the raw socket sees (including our own requests looped back).
// Loopback only. Needs CAP_NET_RAW; without it, an error that names the fix.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "servers/datagram_socket.hpp"

namespace wirelab::servers {

struct PingConfig {
  std::uint32_t target = kLoopback;  // must be in 127.0.0.0/8
  int count = 3;                     // 1..20
  std::uint16_t identifier = 0;      // 0: derived from the pid, so concurrent pings don't mix
  std::size_t payload = 32;
  int timeout_ms = 1000;             // per request
};

struct PingReply {
  std::uint16_t sequence = 0;
  std::int64_t rtt_ns = 0;
  std::uint8_t ttl = 0;
  std::size_t icmp_bytes = 0;
  bool checksum_ok = false;
};

struct PingReport {
  std::uint16_t identifier = 0;
  int sent = 0;
  std::vector<PingReply> replies;      // in sequence order
  int own_requests_seen = 0;           // our requests, seen again by the raw socket on lo
};

Result<PingReport> raw_ping(Journal* journal, const PingConfig& config);

// The Echo Request bytes (ICMP header + payload, checksum filled in).
std::vector<std::byte> icmp_echo_request(std::uint16_t identifier, std::uint16_t sequence, std::size_t payload);

}  // namespace wirelab::servers
