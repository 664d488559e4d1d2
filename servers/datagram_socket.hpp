// A message socket (UDP, or raw IP for ICMP and hand-made TCP segments) that writes every call
// it makes (socket, bind, setsockopt, sendto, recvfrom, close) into a Journal under an actor
// name ("server", "client 1", ...). Move-only; closes on destruction. Used by every UDP, TFTP
// and raw-socket server and client in servers/.
#pragma once
#include <netinet/in.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "decode/bytes.hpp"
#include "decode/result.hpp"
#include "servers/journal.hpp"
#include "servers/socket_tracer.hpp"  // kLoopback

namespace wirelab::servers {

using decode::SockAddr;

inline constexpr std::uint32_t kLoopbackBroadcast = 0x7fffffff;  // 127.255.255.255

std::string to_string(SockAddr a);  // "127.0.0.1:6969"
sockaddr_in to_sockaddr(SockAddr a);
SockAddr from_sockaddr(const sockaddr_in& sa);
inline bool same_endpoint(SockAddr a, SockAddr b) { return a.ip == b.ip && a.port == b.port; }

// What a receive with a deadline produced.
struct DatagramReceive {
  enum class Status { Data, Timeout, Stopped, Error } status = Status::Error;
  std::size_t size = 0;  // bytes copied into the buffer (datagrams longer than it are cut)
  SockAddr from;
  int err = 0;           // errno for Error
};

class StopSignal;

// What to do when raw sockets are refused (EPERM): names this executable in the setcap line.
std::string raw_socket_permission_hint();

class DatagramSocket {
 public:
  // socket(AF_INET, SOCK_DGRAM); `journal` may be null (nothing recorded).
  static Result<DatagramSocket> open_udp(Journal* journal, std::string actor);
  // socket(AF_INET, SOCK_RAW, protocol): receives whole IPv4 datagrams of that protocol, sends
  // the part after the IP header. Needs CAP_NET_RAW; without it the error says how to get it.
  static Result<DatagramSocket> open_raw(Journal* journal, std::string actor, int protocol);

  DatagramSocket(DatagramSocket&& other) noexcept;
  DatagramSocket& operator=(DatagramSocket&& other) noexcept;
  DatagramSocket(const DatagramSocket&) = delete;
  DatagramSocket& operator=(const DatagramSocket&) = delete;
  ~DatagramSocket();

  // Binds and reads the bound address back (port 0 -> the kernel's choice).
  Result<SockAddr> bind(SockAddr local);
  // setsockopt(level, name, int value); `label` names it in the journal ("SO_BROADCAST").
  bool set_int_option(int level, int name, int value, std::string_view label);
  int get_int_option(int level, int name) const;

  // sendto(); returns bytes sent or -1 (errno kept).
  ssize_t send_to(std::span<const std::byte> data, SockAddr peer);
  // Waits up to timeout_ms (negative: forever) for a datagram, or until `stop` fires.
  DatagramReceive receive(std::span<std::byte> buf, int timeout_ms, const StopSignal* stop = nullptr);
  // recvmsg() variant that also reports SO_RXQ_OVFL's kernel drop counter when enabled.
  DatagramReceive receive_with_drops(std::span<std::byte> buf, int timeout_ms, std::uint32_t& drops);

  void close();
  int fd() const { return fd_; }
  SockAddr local() const { return local_; }
  const std::string& actor() const { return actor_; }
  void set_actor(std::string actor) { actor_ = std::move(actor); }

 private:
  DatagramSocket(int fd, Journal* journal, std::string actor) : fd_(fd), journal_(journal), actor_(std::move(actor)) {}
  void note(SocketCall call, std::int64_t result, int err, std::uint32_t bytes, SockAddr peer, std::string detail = {}, std::int64_t ts_ns = 0);
  void learn_local_address();
  bool wait_readable(int timeout_ms, const StopSignal* stop, DatagramReceive& out);

  int fd_ = -1;
  Journal* journal_ = nullptr;
  std::string actor_;
  SockAddr local_;
};

}  // namespace wirelab::servers
