// UDP echo: the server sends every datagram back to its sender; the client sends one
// datagram and waits (bounded) for the echo, retrying a lost one a few times.
#pragma once
#include <string>
#include <string_view>

#include "servers/udp_datagram_server.hpp"

namespace wirelab::servers {

class UdpEchoServer {
 public:
  explicit UdpEchoServer(Journal* journal, SockAddr bind_to = {.ip = kLoopback, .port = 0});
  Result<std::uint16_t> start() { return server_.start(); }
  void stop() { server_.stop(); }
  std::uint16_t port() const { return server_.port(); }
  std::uint64_t datagrams() const { return server_.datagrams(); }

 private:
  UdpDatagramServer server_;
};

class UdpEchoClient {
 public:
  static Result<UdpEchoClient> open(Journal* journal, std::string actor);
  // Sends `message` to `server` and returns the echoed text; up to `attempts` sends, each
  // waiting `timeout_ms`. A datagram from anyone but the server is ignored.
  Result<std::string> echo(std::string_view message, SockAddr server, int timeout_ms = 1000, int attempts = 3);
  DatagramSocket& socket() { return socket_; }

 private:
  explicit UdpEchoClient(DatagramSocket s) : socket_(std::move(s)) {}
  DatagramSocket socket_;
};

}  // namespace wirelab::servers
