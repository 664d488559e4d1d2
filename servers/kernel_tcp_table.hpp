// The kernel's own table of IPv4 TCP sockets (/proc/net/tcp): what state each socket is in
// right now. Scenarios use it to report TIME-WAIT and queued connections as the kernel sees
// them, not as we infer them.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace wirelab::servers {

struct KernelTcpSocket {
  std::uint32_t local_ip = 0, remote_ip = 0;  // host order
  std::uint16_t local_port = 0, remote_port = 0;
  int state = 0;  // the kernel's TCP_* number: 1 ESTABLISHED ... 6 TIME_WAIT ... 10 LISTEN
};

std::vector<KernelTcpSocket> kernel_tcp_sockets();
// RFC 9293 name for the kernel's state number ("TIME-WAIT", "ESTABLISHED", ...).
std::string_view kernel_tcp_state_name(int state);
inline constexpr int kKernelTimeWait = 6;

// How many sockets with this local port are in `state`.
int count_in_state(const std::vector<KernelTcpSocket>& table, std::uint16_t local_port, int state);

}  // namespace wirelab::servers
