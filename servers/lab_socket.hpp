// A socket of a lab host: made by a thread inside the host's namespace (run_in_netns), then
// used from the scenario's own thread. Every call is journaled with the host's name as actor
// and the addresses it involved, so the run's timeline shows who did what.
#pragma once
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "decode/result.hpp"
#include "servers/journal.hpp"

namespace wirelab::servers {

class LabSocket {
 public:
  enum class BindTo { HostAddress, AnyAddress };
  // A UDP socket in `host` bound to its address (or 0.0.0.0, to receive broadcasts) and `port`
  // (0: the kernel picks).
  static Result<LabSocket> udp(Journal& journal, std::string_view host, std::uint16_t port = 0,
                               BindTo bind_to = BindTo::HostAddress);
  // A TCP socket in `host` listening on its address, kernel-chosen port.
  static Result<LabSocket> tcp_listener(Journal& journal, std::string_view host);
  // A TCP socket in `host` connected to ip:port (waits for the handshake up to `timeout`).
  static Result<LabSocket> tcp_connect(Journal& journal, std::string_view host, std::string_view ip,
                                       std::uint16_t port, std::chrono::milliseconds timeout);

  LabSocket(LabSocket&& o) noexcept
      : journal_(o.journal_), host_(std::move(o.host_)), fd_(std::exchange(o.fd_, -1)), local_(o.local_) {}
  LabSocket& operator=(LabSocket&&) = delete;
  LabSocket(const LabSocket&) = delete;
  ~LabSocket();  // closes (journaled)

  int fd() const { return fd_; }
  std::uint16_t port() const { return local_.port; }
  const std::string& host() const { return host_; }

  // setsockopt(level, name, value), journaled as `detail` ("IP_TTL=1").
  std::optional<Error> set_option(int level, int name, int value, std::string detail);
  // SO_BINDTODEVICE to the host's (first) lab interface: a limited broadcast (255.255.255.255)
  // has no route of its own and leaves through the bound device.
  std::optional<Error> bind_to_lab_device();
  // UDP connect(): a connected socket learns of ICMP errors as errno on its next call.
  std::optional<Error> connect_udp(std::string_view ip, std::uint16_t port);

  std::optional<Error> send_to(std::string_view ip, std::uint16_t port, std::string_view payload);
  std::optional<Error> send(std::string_view payload);  // on a connected socket

  struct Received {
    std::string payload;
    std::string from_ip;
    std::uint16_t from_port = 0;
    int error = 0;  // errno when the receive failed (ECONNREFUSED after ICMP port unreachable)
  };
  // Waits up to `timeout` for data (or an error); nullopt when nothing came.
  std::optional<Received> receive(std::chrono::milliseconds timeout);
  // With IP_RECVERR on: the next ICMP error queued for this socket (ttl, port unreachable),
  // as the kernel reports it (who sent it, type, code); nullopt when none came within `timeout`.
  struct IcmpError {
    int icmp_type = 0;
    int icmp_code = 0;
    std::string offender;  // the address that sent the ICMP error ("198.18.0.254")
    int error = 0;         // the errno it maps to (EHOSTUNREACH, ECONNREFUSED, ...)
  };
  std::optional<IcmpError> receive_icmp_error(std::chrono::milliseconds timeout);
  // Accepts one connection (TCP listener) within `timeout`.
  Result<LabSocket> accept(std::chrono::milliseconds timeout);
  void shutdown_write();

 private:
  LabSocket(Journal& journal, std::string host, int fd);
  // socket() + bind() inside the host, both journaled.
  static Result<LabSocket> make(Journal& journal, std::string_view host, int type, std::uint16_t port, BindTo bind_to);
  decode::SocketEvent event(decode::SocketCall call, std::int64_t result) const;
  Journal* journal_;
  std::string host_;
  int fd_;
  decode::SockAddr local_;
};

// "198.18.0.1" -> host-order IPv4 (0 when not an address).
std::uint32_t parse_ipv4(std::string_view text);

}  // namespace wirelab::servers
