// The load side of the echo benchmark: `connections` TCP connections to 127.0.0.1:port, of
// which `active` do back-to-back round trips (send 64 bytes, wait for the echo, repeat) for
// `seconds`, all from one epoll thread. Runs in a child process (forked, then re-executed) so
// that the server and the load each get the whole fd limit (10,000 connections = 10,000 fds
// per side).
#pragma once
#include <cstdint>
#include <string>

namespace wirelab::bench {

struct LoadResult {
  std::uint64_t round_trips = 0;
  double seconds = 0;
  double p50_us = 0, p99_us = 0;
  double server_cpu_seconds = 0;  // CPU the server's process used during the timed window
  std::string error;  // "" when it ran
};

LoadResult run_echo_load_in_child(std::uint16_t port, int connections, int active, double seconds);

// The child re-executes the benchmark with this first argument; its main() hands such a call to
// echo_load_child_main, which runs the load and reports through the inherited pipe.
inline constexpr const char* kLoadChildFlag = "--echo-load-child";
int echo_load_child_main(int argc, char** argv);

}  // namespace wirelab::bench
