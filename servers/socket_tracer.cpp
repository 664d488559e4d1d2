#include "servers/socket_tracer.hpp"

#include <arpa/inet.h>
#include <unistd.h>

#include <cerrno>

#include "servers/socket_address_cache.hpp"

namespace wirelab::servers {
namespace {

sockaddr_in make_addr(std::uint32_t ip, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(ip);
  return a;
}

bool is_eagain(std::int64_t result, int err) { return result < 0 && (err == EAGAIN || err == EWOULDBLOCK); }

}  // namespace

void SocketTracer::record(SocketCall call, int fd, std::int64_t result, std::uint32_t bytes, std::string detail,
                          std::int64_t called_at) {
  const int err = result < 0 ? errno : 0;
  if (is_eagain(result, err)) {
    eagain_.fetch_add(1, std::memory_order_relaxed);
    errno = err;
    return;
  }
  if (!journal_) return;
  SocketEvent e = socket_event(call, fd, result, err, actor_);
  e.bytes = bytes;
  e.detail = std::move(detail);
  SocketAddressCache::instance().lookup(fd, e.local, e.peer);
  e.ts_ns = called_at;  // 0: the journal stamps it now
  journal_->record(std::move(e));
  errno = err;  // callers look at errno after the call, as after the syscall itself
}

int SocketTracer::socket(int type, int protocol) {
  const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, protocol);
  SocketAddressCache::instance().forget(fd);
  const int kind = type & 0xf;
  record(SocketCall::Socket, fd, fd, 0,
         kind == SOCK_DGRAM ? "SOCK_DGRAM" : kind == SOCK_RAW ? "SOCK_RAW, protocol " + std::to_string(protocol) : "SOCK_STREAM");
  return fd;
}

int SocketTracer::bind(int fd, std::uint16_t port, std::uint32_t ip) {
  const sockaddr_in a = make_addr(ip, port);
  const int r = ::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a);
  SocketAddressCache::instance().forget(fd);
  record(SocketCall::Bind, fd, r, 0, port == 0 ? "port 0 (kernel picks)" : "port " + std::to_string(port));
  return r;
}

int SocketTracer::listen(int fd, int backlog) {
  const int r = ::listen(fd, backlog);
  record(SocketCall::Listen, fd, r, 0, "backlog " + std::to_string(backlog));
  return r;
}

int SocketTracer::accept(int listen_fd, int flags) {
  const int fd = ::accept4(listen_fd, nullptr, nullptr, flags | SOCK_CLOEXEC);
  SocketAddressCache::instance().forget(fd);
  // Journaled on the new fd (its addresses are the connection's); the listener is in detail.
  if (fd >= 0) record(SocketCall::Accept, fd, fd, 0, "listener fd " + std::to_string(listen_fd));
  else record(SocketCall::Accept, listen_fd, fd);
  return fd;
}

int SocketTracer::connect(int fd, std::uint16_t port, std::uint32_t ip) {
  const sockaddr_in a = make_addr(ip, port);
  if (journal_) {
    SocketEvent e;
    e.call = SocketCall::Connect;
    e.fd = fd;
    e.actor = actor_;
    e.peer = {.ip = ip, .port = port};
    e.detail = "to " + ip_text(ip) + ":" + std::to_string(port);
    journal_->record(std::move(e));
  }
  const int r = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a);
  const int err = errno;
  SocketAddressCache::instance().forget(fd);
  if (r < 0 && err == EINPROGRESS) {  // non-blocking connect: the handshake goes on
    errno = err;
    if (journal_) record(SocketCall::ConnectReturn, fd, r, 0, "EINPROGRESS");
    errno = err;
    return r;
  }
  errno = err;
  record(SocketCall::ConnectReturn, fd, r);
  return r;
}

ssize_t SocketTracer::send(int fd, const void* data, std::size_t len, int flags) {
  const std::int64_t called_at = journal_ ? realtime_ns() : 0;  // the segment leaves during the call
  const ssize_t n = ::send(fd, data, len, flags | MSG_NOSIGNAL);
  record(SocketCall::Send, fd, n, n > 0 ? static_cast<std::uint32_t>(n) : 0,
         n >= 0 && static_cast<std::size_t>(n) < len ? "partial: " + std::to_string(n) + " of " + std::to_string(len)
                                                     : std::string(),
         called_at);
  return n;
}

ssize_t SocketTracer::recv(int fd, void* data, std::size_t len, int flags) {
  const ssize_t n = ::recv(fd, data, len, flags);
  record(SocketCall::Recv, fd, n, n > 0 ? static_cast<std::uint32_t>(n) : 0, n == 0 ? "peer closed (EOF)" : "");
  return n;
}

int SocketTracer::shutdown(int fd, int how) {
  const std::int64_t called_at = journal_ ? realtime_ns() : 0;  // the FIN leaves during the call
  const int r = ::shutdown(fd, how);
  record(SocketCall::Shutdown, fd, r, 0, how == SHUT_WR ? "SHUT_WR" : how == SHUT_RD ? "SHUT_RD" : "SHUT_RDWR",
         called_at);
  return r;
}

int SocketTracer::close(int fd) {
  if (journal_) {
    // Stamped just before the call, with the addresses the fd still has: close() may send the
    // FIN (or RST) before it returns, and the journal must show the call first.
    errno = 0;
    record(SocketCall::Close, fd, 0);
  }
  SocketAddressCache::instance().forget(fd);  // before the number can be handed out again
  return ::close(fd);
}

int SocketTracer::set_int_option(int fd, int level, int option, int value, std::string_view name) {
  const int r = ::setsockopt(fd, level, option, &value, sizeof value);
  record(SocketCall::SetSockOpt, fd, r, 0, std::string(name) + "=" + std::to_string(value));
  return r;
}

int SocketTracer::set_linger(int fd, bool on, int seconds) {
  const linger l{.l_onoff = on ? 1 : 0, .l_linger = seconds};
  const int r = ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  record(SocketCall::SetSockOpt, fd, r, 0,
         on ? "SO_LINGER on, " + std::to_string(seconds) + " s" + (seconds == 0 ? " (close sends RST)" : "")
            : "SO_LINGER off");
  return r;
}

void SocketTracer::note(SocketCall call, int fd, std::int64_t result, std::string detail) {
  if (!journal_) return;
  SocketEvent e;
  e.call = call;
  e.fd = fd;
  e.result = result;
  e.actor = actor_;
  e.detail = std::move(detail);
  journal_->record(std::move(e));
}

std::uint16_t SocketTracer::local_port(int fd) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) return 0;
  return ntohs(a.sin_port);
}

std::string SocketTracer::ip_text(std::uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 0xff) + "." + std::to_string((ip >> 8) & 0xff) + "." +
         std::to_string(ip & 0xff);
}

}  // namespace wirelab::servers
