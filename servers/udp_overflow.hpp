// udp-overflow: a bounded burst of datagrams into a receiver with a small SO_RCVBUF that reads
// slowly. UDP has no flow control, so once the receive queue is full the kernel drops what
// arrives, silently for the sender. The report counts those drops three ways: SO_MEMINFO's
// per-socket counter (exact), the SO_RXQ_OVFL counter the reader sees on its datagrams, and the
// system-wide /proc/net/snmp Udp RcvbufErrors delta (includes other sockets' drops).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

#include "servers/datagram_socket.hpp"

namespace wirelab::servers {

struct UdpOverflowConfig {
  int datagrams = 30;             // the burst (bounded)
  std::size_t payload = 512;      // bytes each
  int rcvbuf = 4096;              // requested SO_RCVBUF (Linux doubles it and enforces a minimum)
  int read_delay_us = 2000;       // the slow reader's pause between reads
  int quiet_ms = 200;             // reading stops after this long without a datagram
  // Called once the receiver is bound, before the first datagram (e.g. to start a capture on
  // its port); an error stops the run before any traffic.
  std::function<std::optional<Error>(std::uint16_t receiver_port)> before_burst;
};

struct UdpOverflowReport {
  int sent = 0;
  int received = 0;
  int rcvbuf_effective = 0;                  // getsockopt(SO_RCVBUF) after setting it
  std::uint32_t dropped = 0;                 // SO_MEMINFO SK_MEMINFO_DROPS of the receiver
  std::uint32_t dropped_seen_by_reader = 0;  // highest SO_RXQ_OVFL value on a received datagram
  std::optional<std::int64_t> snmp_rcvbuf_errors_delta;
};

Result<UdpOverflowReport> run_udp_overflow(Journal* journal, const UdpOverflowConfig& config);

// /proc/net/snmp "Udp: ... RcvbufErrors" for this network namespace; nullopt if unreadable.
std::optional<std::int64_t> read_udp_rcvbuf_errors();

}  // namespace wirelab::servers
