// A blocking TCP client for the scenarios: every call journaled under its actor ("client 2").
// Every wait is bounded: receives time out (SO_RCVTIMEO) so a scenario always ends.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "decode/result.hpp"
#include "servers/socket_tracer.hpp"

namespace wirelab::servers {

class TcpClient {
 public:
  TcpClient(Journal* journal, std::string actor) : tracer_(journal, std::move(actor)) {}
  ~TcpClient() { close(); }
  TcpClient(const TcpClient&) = delete;
  TcpClient& operator=(const TcpClient&) = delete;

  // socket + connect to 127.0.0.1:port. Receives then time out after `recv_timeout`.
  std::optional<Error> connect(std::uint16_t port, std::chrono::milliseconds recv_timeout = std::chrono::seconds(3));
  // The same to ip:port (host order): a lab run's client connects to a server on another lab host.
  std::optional<Error> connect_to(std::uint32_t ip, std::uint16_t port,
                                  std::chrono::milliseconds recv_timeout = std::chrono::seconds(3));
  std::optional<Error> send_all(std::string_view data);
  // Exactly n bytes (fewer only at EOF, timeout or error: then the error says which).
  Result<std::string> recv_exact(std::size_t n);
  // Everything up to and including `delim`. Bytes after it stay buffered for the next call.
  Result<std::string> recv_until(std::string_view delim);
  // Whatever one recv() returns; "" at EOF.
  Result<std::string> recv_some(std::size_t max = 65536);
  // Reads until the server closes; returns all of it.
  Result<std::string> recv_to_eof();
  // True when a recv() would not block (data, EOF or error) within `timeout`.
  bool wait_readable(std::chrono::milliseconds timeout);
  std::optional<Error> shutdown_write();
  void close();

  int fd() const { return fd_; }
  std::uint16_t local_port() const { return local_port_; }
  SocketTracer& tracer() { return tracer_; }

 private:
  Error fail(std::string_view what) const;
  SocketTracer tracer_;
  int fd_ = -1;
  std::uint16_t local_port_ = 0;
  std::string pending_;  // received beyond what recv_until returned
};

}  // namespace wirelab::servers
