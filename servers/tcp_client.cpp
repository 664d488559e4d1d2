#include "servers/tcp_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>

namespace wirelab::servers {

Error TcpClient::fail(std::string_view what) const {
  const int err = errno;
  std::string msg = tracer_.actor() + ": " + std::string(what);
  if (err == EAGAIN || err == EWOULDBLOCK) msg += ": timed out";
  else if (err) msg += ": " + std::string(std::strerror(err));
  return Error{msg};
}

std::optional<Error> TcpClient::connect(std::uint16_t port, std::chrono::milliseconds recv_timeout) {
  return connect_to(kLoopback, port, recv_timeout);
}

std::optional<Error> TcpClient::connect_to(std::uint32_t ip, std::uint16_t port, std::chrono::milliseconds recv_timeout) {
  close();
  fd_ = tracer_.socket();
  if (fd_ < 0) return fail("socket()");
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(recv_timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((recv_timeout.count() % 1000) * 1000);
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);  // a bound, not part of the lesson
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (tracer_.connect(fd_, port, ip) != 0)
    return fail("connect() to " + SocketTracer::ip_text(ip) + ":" + std::to_string(port));
  local_port_ = SocketTracer::local_port(fd_);
  return std::nullopt;
}

std::optional<Error> TcpClient::send_all(std::string_view data) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = tracer_.send(fd_, data.data() + off, data.size() - off);
    if (n > 0) off += static_cast<std::size_t>(n);
    else if (!(n < 0 && errno == EINTR)) return fail("send()");
  }
  return std::nullopt;
}

Result<std::string> TcpClient::recv_some(std::size_t max) {
  if (!pending_.empty()) return std::exchange(pending_, {});
  std::string buf(max, '\0');
  for (;;) {
    const ssize_t n = tracer_.recv(fd_, buf.data(), buf.size());
    if (n >= 0) {
      buf.resize(static_cast<std::size_t>(n));
      return buf;
    }
    if (errno != EINTR) return fail("recv()");
  }
}

Result<std::string> TcpClient::recv_exact(std::size_t n) {
  std::string got = std::exchange(pending_, {});
  while (got.size() < n) {
    auto part = recv_some(n - got.size());
    if (!part) return part.error();
    if (part->empty()) return Error{tracer_.actor() + ": connection closed after " + std::to_string(got.size()) + " of " +
                                    std::to_string(n) + " bytes"};
    got += *part;
  }
  if (got.size() > n) pending_ = got.substr(n), got.resize(n);
  return got;
}

Result<std::string> TcpClient::recv_until(std::string_view delim) {
  std::string got = std::exchange(pending_, {});
  for (;;) {
    if (const auto at = got.find(delim); at != std::string::npos) {
      pending_ = got.substr(at + delim.size());
      got.resize(at + delim.size());
      return got;
    }
    auto part = recv_some();
    if (!part) return part.error();
    if (part->empty()) return Error{tracer_.actor() + ": connection closed before the expected delimiter"};
    got += *part;
  }
}

Result<std::string> TcpClient::recv_to_eof() {
  std::string got = std::exchange(pending_, {});
  for (;;) {
    auto part = recv_some();
    if (!part) return part.error();
    if (part->empty()) return got;
    got += *part;
  }
}

bool TcpClient::wait_readable(std::chrono::milliseconds timeout) {
  if (!pending_.empty()) return true;
  pollfd p{fd_, POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

std::optional<Error> TcpClient::shutdown_write() {
  if (tracer_.shutdown(fd_, SHUT_WR) != 0) return fail("shutdown(SHUT_WR)");
  return std::nullopt;
}

void TcpClient::close() {
  if (fd_ >= 0) tracer_.close(fd_);
  fd_ = -1;
}

}  // namespace wirelab::servers
