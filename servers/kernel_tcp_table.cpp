#include "servers/kernel_tcp_table.hpp"

#include <cstdio>

namespace wirelab::servers {

std::vector<KernelTcpSocket> kernel_tcp_sockets() {
  std::vector<KernelTcpSocket> out;
  std::FILE* f = std::fopen("/proc/net/tcp", "r");
  if (!f) return out;
  char line[512];
  if (!std::fgets(line, sizeof line, f)) {  // header
    std::fclose(f);
    return out;
  }
  while (std::fgets(line, sizeof line, f)) {
    unsigned lip = 0, lport = 0, rip = 0, rport = 0, state = 0;
    // "  0: 0100007F:1F90 00000000:0000 0A ..." — addresses in the kernel's (little-endian) order.
    if (std::sscanf(line, " %*u: %8X:%4X %8X:%4X %2X", &lip, &lport, &rip, &rport, &state) != 5) continue;
    auto swap = [](unsigned v) {
      return static_cast<std::uint32_t>(((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >> 8) & 0xff00) | (v >> 24));
    };
    out.push_back({.local_ip = swap(lip), .remote_ip = swap(rip), .local_port = static_cast<std::uint16_t>(lport),
                   .remote_port = static_cast<std::uint16_t>(rport), .state = static_cast<int>(state)});
  }
  std::fclose(f);
  return out;
}

std::string_view kernel_tcp_state_name(int state) {
  static constexpr std::string_view kNames[] = {"?",          "ESTABLISHED", "SYN-SENT",  "SYN-RECEIVED",
                                                "FIN-WAIT-1", "FIN-WAIT-2",  "TIME-WAIT", "CLOSED",
                                                "CLOSE-WAIT", "LAST-ACK",    "LISTEN",    "CLOSING"};
  return state >= 0 && state < 12 ? kNames[state] : "?";
}

int count_in_state(const std::vector<KernelTcpSocket>& table, std::uint16_t local_port, int state) {
  int n = 0;
  for (const auto& s : table)
    if (s.local_port == local_port && s.state == state) ++n;
  return n;
}

}  // namespace wirelab::servers
