// UDP chat: the server learns a client from its first datagram and relays every datagram to
// all other known clients (never back to the sender). There are no connections, so "known"
// means "has sent something"; a client leaves only when the server stops.
#pragma once
#include <mutex>
#include <vector>

#include "servers/udp_datagram_server.hpp"

namespace wirelab::servers {

class UdpChatServer {
 public:
  explicit UdpChatServer(Journal* journal, SockAddr bind_to = {.ip = kLoopback, .port = 0});
  Result<std::uint16_t> start() { return server_.start(); }
  void stop() { server_.stop(); }
  std::uint16_t port() const { return server_.port(); }
  std::vector<SockAddr> clients() const;

 private:
  void relay(DatagramSocket& socket, std::span<const std::byte> datagram, SockAddr from);

  mutable std::mutex mu_;
  std::vector<SockAddr> clients_;
  UdpDatagramServer server_;  // last: its thread uses the members above
};

}  // namespace wirelab::servers
