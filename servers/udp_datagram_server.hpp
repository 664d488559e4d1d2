// One UDP socket and one thread that hands each received datagram to a handler. The UDP echo
// and chat servers are this loop plus their protocol handler. start() binds (127.0.0.1:0 by
// default) and reports the port; stop() wakes the thread, joins it and closes the socket.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <thread>

#include "servers/stop_signal.hpp"
#include "servers/datagram_socket.hpp"

namespace wirelab::servers {

class UdpDatagramServer {
 public:
  // Called on the server thread with the socket (to answer), the datagram and its sender.
  using Handler = std::function<void(DatagramSocket& socket, std::span<const std::byte> datagram, SockAddr from)>;

  UdpDatagramServer(Journal* journal, Handler handler, SockAddr bind_to = {.ip = kLoopback, .port = 0});
  ~UdpDatagramServer();
  UdpDatagramServer(const UdpDatagramServer&) = delete;
  UdpDatagramServer& operator=(const UdpDatagramServer&) = delete;

  Result<std::uint16_t> start();
  void stop();
  std::uint16_t port() const { return port_; }
  std::uint64_t datagrams() const { return datagrams_.load(); }

 private:
  void run();

  Journal* journal_;
  Handler handler_;
  SockAddr bind_to_;
  std::optional<DatagramSocket> socket_;
  StopSignal stop_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::atomic<std::uint64_t> datagrams_{0};
};

}  // namespace wirelab::servers
