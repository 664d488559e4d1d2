#include "servers/datagram_socket.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "servers/stop_signal.hpp"

namespace wirelab::servers {

std::string to_string(SockAddr a) {
  return std::to_string(a.ip >> 24) + '.' + std::to_string((a.ip >> 16) & 0xff) + '.' +
         std::to_string((a.ip >> 8) & 0xff) + '.' + std::to_string(a.ip & 0xff) + ':' + std::to_string(a.port);
}

sockaddr_in to_sockaddr(SockAddr a) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(a.ip);
  sa.sin_port = htons(a.port);
  return sa;
}

SockAddr from_sockaddr(const sockaddr_in& sa) { return {.ip = ntohl(sa.sin_addr.s_addr), .port = ntohs(sa.sin_port)}; }

Result<DatagramSocket> DatagramSocket::open_udp(Journal* journal, std::string actor) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int err = errno;
  DatagramSocket s(fd, journal, std::move(actor));
  s.note(SocketCall::Socket, fd, fd < 0 ? err : 0, 0, {}, "AF_INET SOCK_DGRAM");
  if (fd < 0) return Error{"socket(AF_INET, SOCK_DGRAM) failed: " + std::string(std::strerror(err))};
  return s;
}

std::string raw_socket_permission_hint() {
  char self[4096] = {};
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  const std::string exe = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : "<this program>";
  return "raw sockets need CAP_NET_RAW: run as root, or grant it once with `sudo setcap cap_net_raw+ep " + exe + "`";
}

Result<DatagramSocket> DatagramSocket::open_raw(Journal* journal, std::string actor, int protocol) {
  const int fd = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, protocol);
  const int err = errno;
  DatagramSocket s(fd, journal, std::move(actor));
  s.note(SocketCall::Socket, fd, fd < 0 ? err : 0, 0, {}, "AF_INET SOCK_RAW proto " + std::to_string(protocol));
  if (fd < 0 && (err == EPERM || err == EACCES)) return Error{raw_socket_permission_hint()};
  if (fd < 0) return Error{"socket(AF_INET, SOCK_RAW) failed: " + std::string(std::strerror(err))};
  return s;
}

DatagramSocket::DatagramSocket(DatagramSocket&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)), journal_(o.journal_), actor_(std::move(o.actor_)), local_(o.local_) {}

DatagramSocket& DatagramSocket::operator=(DatagramSocket&& o) noexcept {
  if (this != &o) {
    close();
    fd_ = std::exchange(o.fd_, -1);
    journal_ = o.journal_;
    actor_ = std::move(o.actor_);
    local_ = o.local_;
  }
  return *this;
}

DatagramSocket::~DatagramSocket() { close(); }

void DatagramSocket::note(SocketCall call, std::int64_t result, int err, std::uint32_t bytes, SockAddr peer, std::string detail,
                          std::int64_t ts_ns) {
  if (journal_ == nullptr) return;
  SocketEvent e = socket_event(call, fd_, result, err, actor_);
  e.ts_ns = ts_ns;  // 0: stamped now, by the journal
  e.bytes = bytes;
  e.local = local_;
  e.peer = peer;
  e.detail = std::move(detail);
  journal_->record(std::move(e));
}

Result<SockAddr> DatagramSocket::bind(SockAddr local) {
  const sockaddr_in sa = to_sockaddr(local);
  const int rc = ::bind(fd_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa);  // NOLINT: BSD socket API
  const int err = errno;
  if (rc == 0) learn_local_address();
  note(SocketCall::Bind, rc, rc < 0 ? err : 0, 0, {}, to_string(local));
  if (rc < 0) return Error{"bind(" + to_string(local) + ") failed: " + std::strerror(err)};
  return local_;
}

void DatagramSocket::learn_local_address() {
  sockaddr_in bound{};
  socklen_t len = sizeof bound;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &len) == 0) local_ = from_sockaddr(bound);  // NOLINT
}

bool DatagramSocket::set_int_option(int level, int name, int value, std::string_view label) {
  const int rc = ::setsockopt(fd_, level, name, &value, sizeof value);
  note(SocketCall::SetSockOpt, rc, rc < 0 ? errno : 0, 0, {}, std::string(label) + "=" + std::to_string(value));
  return rc == 0;
}

int DatagramSocket::get_int_option(int level, int name) const {
  int value = 0;
  socklen_t len = sizeof value;
  if (::getsockopt(fd_, level, name, &value, &len) != 0) return -1;
  return value;
}

ssize_t DatagramSocket::send_to(std::span<const std::byte> data, SockAddr peer) {
  const sockaddr_in sa = to_sockaddr(peer);
  // A send is stamped when it is called: the datagram it causes must come after it on the timeline.
  const std::int64_t called_at = realtime_ns();
  ssize_t n;
  do {
    n = ::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<const sockaddr*>(&sa), sizeof sa);  // NOLINT
  } while (n < 0 && errno == EINTR);
  const int err = errno;
  if (n >= 0 && local_.port == 0) learn_local_address();  // the kernel bound it implicitly
  note(SocketCall::SendTo, n, n < 0 ? err : 0, n > 0 ? static_cast<std::uint32_t>(n) : 0, peer, {}, called_at);
  errno = err;
  return n;
}

bool DatagramSocket::wait_readable(int timeout_ms, const StopSignal* stop, DatagramReceive& out) {
  pollfd fds[2] = {{.fd = fd_, .events = POLLIN, .revents = 0}, {.fd = stop ? stop->fd() : -1, .events = POLLIN, .revents = 0}};
  for (;;) {
    const int rc = ::poll(fds, stop ? 2 : 1, timeout_ms);
    if (rc < 0 && errno == EINTR) continue;  // a signal is not a timeout; poll() again (deadline approx.)
    if (rc < 0) {
      out = {.status = DatagramReceive::Status::Error, .err = errno};
      return false;
    }
    // A datagram already queued is still delivered after stop: it may be the one that
    // completes the exchange (a final ACK), and answering it beats aborting.
    if (stop && (fds[1].revents & POLLIN) && !(fds[0].revents & POLLIN)) {
      out = {.status = DatagramReceive::Status::Stopped};
      return false;
    }
    if (rc == 0) {
      out = {.status = DatagramReceive::Status::Timeout};
      return false;
    }
    return true;
  }
}

DatagramReceive DatagramSocket::receive(std::span<std::byte> buf, int timeout_ms, const StopSignal* stop) {
  DatagramReceive out;
  if (!wait_readable(timeout_ms, stop, out)) return out;
  sockaddr_in from{};
  socklen_t len = sizeof from;
  ssize_t n;
  do {
    n = ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);  // NOLINT
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    out = {.status = DatagramReceive::Status::Error, .err = errno};
    note(SocketCall::RecvFrom, n, out.err, 0, {});
    return out;
  }
  out = {.status = DatagramReceive::Status::Data, .size = static_cast<std::size_t>(n), .from = from_sockaddr(from)};
  note(SocketCall::RecvFrom, n, 0, static_cast<std::uint32_t>(n), out.from);
  return out;
}

DatagramReceive DatagramSocket::receive_with_drops(std::span<std::byte> buf, int timeout_ms, std::uint32_t& drops) {
  DatagramReceive out;
  if (!wait_readable(timeout_ms, nullptr, out)) return out;
  sockaddr_in from{};
  iovec iov{.iov_base = buf.data(), .iov_len = buf.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(std::uint32_t))];
  msghdr msg{};
  msg.msg_name = &from;
  msg.msg_namelen = sizeof from;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do {
    n = ::recvmsg(fd_, &msg, 0);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    out = {.status = DatagramReceive::Status::Error, .err = errno};
    note(SocketCall::RecvFrom, n, out.err, 0, {});
    return out;
  }
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
  }
  out = {.status = DatagramReceive::Status::Data, .size = static_cast<std::size_t>(n), .from = from_sockaddr(from)};
  note(SocketCall::RecvFrom, n, 0, static_cast<std::uint32_t>(n), out.from, "dropped so far=" + std::to_string(drops));
  return out;
}

void DatagramSocket::close() {
  if (fd_ < 0) return;
  const int rc = ::close(fd_);
  note(SocketCall::Close, rc, rc < 0 ? errno : 0, 0, {});
  fd_ = -1;
}

}  // namespace wirelab::servers
