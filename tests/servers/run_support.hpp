// What the scenario tests share: capture permission check, TCP segments of a run decoded with
// decode/, the kernel's view of sockets (/proc/net/tcp), and leak counters.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "servers/scenario_runner.hpp"

namespace wirelab::test {

// The nine models, for INSTANTIATE_TEST_SUITE_P, and a test-name-safe spelling ("epoll_lt").
inline const auto kAllModels = ::testing::Values("iterative", "fork", "thread", "nonblocking", "select", "poll",
                                                 "epoll-lt", "epoll-et", "coroutine");
std::string model_test_name(const ::testing::TestParamInfo<std::string>& param_info);

// "" when live capture on lo works here; else why not (the GTEST_SKIP message).
std::string capture_unavailable_reason();

struct Segment {
  std::int64_t ts_ns = 0;
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint16_t flags = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::size_t payload = 0;
  bool has(std::uint16_t f) const { return (flags & f) != 0; }
};
// Every TCP segment of the run, in capture order (decoded with decode::Dissector).
std::vector<Segment> tcp_segments(const servers::RunReport& report);

// One connection seen on the wire, keyed by the client's port.
struct WireConnection {
  std::uint16_t client_port = 0;
  std::uint16_t server_port = 0;
  int syn = 0, syn_ack = 0;
  std::int64_t handshake_ack_ts = 0;  // the client's ACK that completes the handshake (0: none)
  std::int64_t client_fin_ts = 0, server_fin_ts = 0;  // first FIN of each side (0: none)
  bool final_ack = false;  // an ACK after both FINs, from the side that sent the first FIN
  int rst = 0;
  // Payload bytes each side's sequence numbers cover (retransmitted bytes count once).
  std::size_t client_bytes = 0, server_bytes = 0;
  std::uint32_t client_isn = 0, server_isn = 0;
};
std::vector<WireConnection> wire_connections(const std::vector<Segment>& segs, std::uint16_t server_port);

// Events of `actor` (prefix match: "client" matches "client 1") with this call.
std::vector<decode::SocketEvent> events_of(const servers::RunReport& r, const std::string& actor, decode::SocketCall call);

// TCP sockets on 127.0.0.1:port in state TIME-WAIT, per /proc/net/tcp.
bool in_time_wait(std::uint16_t local_port, std::uint16_t remote_port);

struct ResourceCount {
  int fds = 0;
  int threads = 0;
};
ResourceCount count_resources();
// True when this process has no child left (all reaped).
bool no_children();

}  // namespace wirelab::test
