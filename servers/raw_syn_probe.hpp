// syn-probe: a TCP SYN made by hand and sent over a raw socket to a listening port on
// 127.0.0.1. The listener's kernel answers SYN-ACK; our kernel, which never saw a SYN leave
// (it did not make it), finds no connection for the SYN-ACK and answers RST. The connection is
// half-open for a moment and never reaches accept(). Bounded to a handful of SYNs.
// Needs CAP_NET_RAW; without it, an error that names the fix.
#pragma once
#include <cstdint>
#include <vector>

#include "servers/datagram_socket.hpp"

namespace wirelab::servers {

struct SynProbeConfig {
  std::uint16_t target_port = 0;  // a listening TCP port on 127.0.0.1
  int syns = 3;                   // 1..10
  int timeout_ms = 1000;          // per SYN, for the SYN-ACK and the RST
};

struct SynProbeResult {
  std::uint16_t source_port = 0;   // our hand-made source port (reserved, never listening)
  std::uint32_t syn_seq = 0;
  bool syn_seen = false;           // our SYN, seen back on lo
  bool syn_ack = false;            // the listener answered SYN+ACK, ack = our seq + 1
  std::uint32_t server_isn = 0;
  bool rst = false;                // our kernel answered the SYN-ACK with RST, seq = our seq + 1
  std::int64_t syn_ack_after_ns = 0;
};

struct SynProbeReport {
  std::vector<SynProbeResult> probes;
};

Result<SynProbeReport> raw_syn_probe(Journal* journal, const SynProbeConfig& config);

// A 20-byte TCP header with only SYN set and its checksum over the IPv4 pseudo-header.
std::vector<std::byte> tcp_syn_segment(std::uint32_t src_ip, std::uint16_t src_port, std::uint32_t dst_ip,
                                       std::uint16_t dst_port, std::uint32_t seq);

}  // namespace wirelab::servers
