#include "servers/udp_echo.hpp"

#include <vector>

namespace wirelab::servers {

UdpEchoServer::UdpEchoServer(Journal* journal, SockAddr bind_to)
    : server_(
          journal, [](DatagramSocket& s, std::span<const std::byte> d, SockAddr from) { s.send_to(d, from); }, bind_to) {}

Result<UdpEchoClient> UdpEchoClient::open(Journal* journal, std::string actor) {
  auto s = DatagramSocket::open_udp(journal, std::move(actor));
  if (!s) return s.error();
  return UdpEchoClient(std::move(*s));
}

Result<std::string> UdpEchoClient::echo(std::string_view message, SockAddr server, int timeout_ms, int attempts) {
  std::vector<std::byte> buf(65536);
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (socket_.send_to(as_bytes(message), server) < 0) return Error{"sendto " + to_string(server) + " failed"};
    for (;;) {
      const DatagramReceive r = socket_.receive(buf, timeout_ms);
      if (r.status != DatagramReceive::Status::Data) break;  // timeout: send again
      if (!same_endpoint(r.from, server)) continue;
      return std::string(as_chars(std::span<const std::byte>(buf.data(), r.size)));
    }
  }
  return Error{"no echo from " + to_string(server) + " after " + std::to_string(attempts) + " attempts of " +
               std::to_string(timeout_ms) + " ms: is the server running?"};
}

}  // namespace wirelab::servers
