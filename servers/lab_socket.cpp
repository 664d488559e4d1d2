#include "servers/lab_socket.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "servers/lab_netns.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

using decode::SocketCall;

sockaddr_in to_sockaddr(std::uint32_t ip, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(ip);
  sa.sin_port = htons(port);
  return sa;
}

const sockaddr* as_sockaddr(const sockaddr_in& sa) { return reinterpret_cast<const sockaddr*>(&sa); }

std::string ip_text(std::uint32_t ip) {
  in_addr a{.s_addr = htonl(ip)};
  char buf[INET_ADDRSTRLEN];
  ::inet_ntop(AF_INET, &a, buf, sizeof buf);
  return buf;
}

decode::SockAddr local_of(int fd) {
  sockaddr_in sa{};
  socklen_t len = sizeof sa;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0) return {};
  return {.ip = ntohl(sa.sin_addr.s_addr), .port = ntohs(sa.sin_port)};
}

std::string sys_error(const std::string& what, const std::string& host, int err) {
  return what + " on lab host " + host + ": " + std::strerror(err);
}

bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{.fd = fd, .events = events, .revents = 0};
  for (;;) {
    const int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n < 0 && errno == EINTR) continue;
    return n == 1;
  }
}

struct Made {
  int fd = -1;
  int err = 0;
  std::string step;
};

// Makes a socket inside `host`'s namespace and binds it there.
Result<Made> make_in_host(std::string_view host, int type, std::uint32_t bind_ip, std::uint16_t port) {
  const LabHost* h = lab_topology().host(host);
  if (h == nullptr) return Error{"\"" + std::string(host) + "\" is not a lab host (a, b, c, r, d)"};
  return run_in_netns(h->netns, [&] {
    Made m;
    m.fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (m.fd < 0) return Made{-1, errno, "socket()"};
    if (type == SOCK_STREAM) {
      const int one = 1;
      ::setsockopt(m.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    }
    const sockaddr_in sa = to_sockaddr(bind_ip, port);
    if (::bind(m.fd, as_sockaddr(sa), sizeof sa) != 0) {
      m.err = errno;
      m.step = "bind(" + ip_text(bind_ip) + ":" + std::to_string(port) + ")";
      ::close(m.fd);
      m.fd = -1;
    }
    return m;
  });
}

}  // namespace

std::uint32_t parse_ipv4(std::string_view text) {
  in_addr a{};
  if (::inet_pton(AF_INET, std::string(text).c_str(), &a) != 1) return 0;
  return ntohl(a.s_addr);
}

LabSocket::LabSocket(Journal& journal, std::string host, int fd)
    : journal_(&journal), host_(std::move(host)), fd_(fd), local_(local_of(fd)) {}

LabSocket::~LabSocket() {
  if (fd_ < 0) return;
  const int r = ::close(fd_);
  journal_->record(event(SocketCall::Close, r));
}

decode::SocketEvent LabSocket::event(SocketCall call, std::int64_t result) const {
  decode::SocketEvent e = socket_event(call, fd_, result, errno, host_);
  e.local = local_;
  return e;
}

Result<LabSocket> LabSocket::make(Journal& journal, std::string_view host, int type, std::uint16_t port,
                                  BindTo bind_to) {
  const LabInterface* iface = lab_topology().interface_of(host);
  if (iface == nullptr) return Error{"\"" + std::string(host) + "\" is not a lab host (a, b, c, r, d)"};
  const std::uint32_t ip = bind_to == BindTo::AnyAddress ? 0 : parse_ipv4(iface->ipv4);
  auto made = make_in_host(host, type, ip, port);
  if (!made) return made.error();
  if (made->fd < 0)
    return Error{made->step + " on lab host " + std::string(host) + ": " + std::strerror(made->err)};
  LabSocket s(journal, std::string(host), made->fd);
  journal.record(s.event(SocketCall::Socket, s.fd_));
  auto bound = s.event(SocketCall::Bind, 0);
  bound.detail = type == SOCK_DGRAM ? "SOCK_DGRAM" : "SOCK_STREAM";
  journal.record(bound);
  return s;
}

Result<LabSocket> LabSocket::udp(Journal& journal, std::string_view host, std::uint16_t port, BindTo bind_to) {
  return make(journal, host, SOCK_DGRAM, port, bind_to);
}

Result<LabSocket> LabSocket::tcp_listener(Journal& journal, std::string_view host) {
  auto made = make(journal, host, SOCK_STREAM, 0, BindTo::HostAddress);
  if (!made) return made.error();
  LabSocket& s = *made;
  const auto listened = s.event(SocketCall::Listen, ::listen(s.fd_, 8));
  journal.record(listened);
  if (listened.result != 0) return Error{sys_error("listen()", s.host_, listened.err)};
  return made;
}

Result<LabSocket> LabSocket::tcp_connect(Journal& journal, std::string_view host, std::string_view ip,
                                         std::uint16_t port, std::chrono::milliseconds timeout) {
  auto made = make(journal, host, SOCK_STREAM, 0, BindTo::HostAddress);
  if (!made) return made.error();
  LabSocket& s = *made;
  const sockaddr_in to = to_sockaddr(parse_ipv4(ip), port);
  const int flags = ::fcntl(s.fd_, F_GETFL);
  ::fcntl(s.fd_, F_SETFL, flags | O_NONBLOCK);  // bounded handshake wait
  auto call = s.event(SocketCall::Connect, 0);
  call.peer = {.ip = parse_ipv4(ip), .port = port};
  journal.record(call);
  int r = ::connect(s.fd_, as_sockaddr(to), sizeof to);
  if (r != 0 && errno == EINPROGRESS) {
    int err = ETIMEDOUT;
    if (wait_for(s.fd_, POLLOUT, timeout)) {
      socklen_t len = sizeof err;
      ::getsockopt(s.fd_, SOL_SOCKET, SO_ERROR, &err, &len);
    }
    errno = err;
    r = err == 0 ? 0 : -1;
  }
  ::fcntl(s.fd_, F_SETFL, flags);
  s.local_ = local_of(s.fd_);
  auto returned = s.event(SocketCall::ConnectReturn, r);
  returned.peer = call.peer;
  journal.record(returned);
  if (r != 0) return Error{sys_error("connect() to " + std::string(ip) + ":" + std::to_string(port), s.host_, returned.err)};
  return made;
}

std::optional<Error> LabSocket::set_option(int level, int name, int value, std::string detail) {
  const int r = ::setsockopt(fd_, level, name, &value, sizeof value);
  auto e = event(SocketCall::SetSockOpt, r);
  e.detail = detail;
  journal_->record(e);
  if (r != 0) return Error{sys_error("setsockopt " + detail, host_, e.err)};
  return std::nullopt;
}

std::optional<Error> LabSocket::bind_to_lab_device() {
  const std::string dev(lab_topology().interface_of(host_)->name);
  const int r = ::setsockopt(fd_, SOL_SOCKET, SO_BINDTODEVICE, dev.c_str(), static_cast<socklen_t>(dev.size()));
  auto e = event(SocketCall::SetSockOpt, r);
  e.detail = "SO_BINDTODEVICE=" + dev;
  journal_->record(e);
  if (r != 0) return Error{sys_error("SO_BINDTODEVICE " + dev, host_, e.err)};
  return std::nullopt;
}

std::optional<Error> LabSocket::connect_udp(std::string_view ip, std::uint16_t port) {
  const sockaddr_in to = to_sockaddr(parse_ipv4(ip), port);
  const int r = ::connect(fd_, as_sockaddr(to), sizeof to);
  auto e = event(SocketCall::ConnectReturn, r);
  e.peer = {.ip = parse_ipv4(ip), .port = port};
  journal_->record(e);
  if (r != 0) return Error{sys_error("connect() to " + std::string(ip), host_, e.err)};
  return std::nullopt;
}

std::optional<Error> LabSocket::send_to(std::string_view ip, std::uint16_t port, std::string_view payload) {
  const sockaddr_in to = to_sockaddr(parse_ipv4(ip), port);
  const ssize_t n = ::sendto(fd_, payload.data(), payload.size(), 0, as_sockaddr(to), sizeof to);
  auto e = event(SocketCall::SendTo, n);
  e.peer = {.ip = parse_ipv4(ip), .port = port};
  e.bytes = n > 0 ? static_cast<std::uint32_t>(n) : 0;
  journal_->record(e);
  if (n < 0) return Error{sys_error("sendto " + std::string(ip) + ":" + std::to_string(port), host_, e.err)};
  return std::nullopt;
}

std::optional<Error> LabSocket::send(std::string_view payload) {
  const ssize_t n = ::send(fd_, payload.data(), payload.size(), MSG_NOSIGNAL);
  auto e = event(SocketCall::Send, n);
  e.bytes = n > 0 ? static_cast<std::uint32_t>(n) : 0;
  journal_->record(e);
  if (n < 0) return Error{sys_error("send", host_, e.err)};
  return std::nullopt;
}

std::optional<LabSocket::Received> LabSocket::receive(std::chrono::milliseconds timeout) {
  if (!wait_for(fd_, POLLIN, timeout)) return std::nullopt;
  char buf[2048];
  sockaddr_in from{};
  socklen_t len = sizeof from;
  const ssize_t n = ::recvfrom(fd_, buf, sizeof buf, MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&from), &len);
  auto e = event(SocketCall::RecvFrom, n);
  Received got;
  if (n < 0) {
    got.error = errno;
  } else {
    got.payload.assign(buf, static_cast<std::size_t>(n));
    e.bytes = static_cast<std::uint32_t>(n);
    if (len >= sizeof from && from.sin_family == AF_INET) {
      got.from_ip = ip_text(ntohl(from.sin_addr.s_addr));
      got.from_port = ntohs(from.sin_port);
      e.peer = {.ip = ntohl(from.sin_addr.s_addr), .port = got.from_port};
    }
  }
  journal_->record(e);
  return got;
}

std::optional<LabSocket::IcmpError> LabSocket::receive_icmp_error(std::chrono::milliseconds timeout) {
  // POLLERR is always reported; nothing to ask for in events.
  if (!wait_for(fd_, 0, timeout)) return std::nullopt;
  char data[2048];
  char control[512];
  sockaddr_in from{};
  iovec iov{.iov_base = data, .iov_len = sizeof data};
  msghdr msg{};
  msg.msg_name = &from;
  msg.msg_namelen = sizeof from;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  const ssize_t n = ::recvmsg(fd_, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
  auto e = event(SocketCall::RecvFrom, n);
  e.detail = "MSG_ERRQUEUE";
  std::optional<IcmpError> found;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); n >= 0 && c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_RECVERR) continue;
    sock_extended_err ee{};
    std::memcpy(&ee, CMSG_DATA(c), sizeof ee);
    if (ee.ee_origin != SO_EE_ORIGIN_ICMP) continue;
    sockaddr_in offender{};
    std::memcpy(&offender, CMSG_DATA(c) + sizeof ee, sizeof offender);  // SO_EE_OFFENDER(ee)
    found = IcmpError{.icmp_type = ee.ee_type, .icmp_code = ee.ee_code,
                      .offender = ip_text(ntohl(offender.sin_addr.s_addr)), .error = static_cast<int>(ee.ee_errno)};
    e.peer = {.ip = ntohl(offender.sin_addr.s_addr), .port = 0};
    e.detail += " ICMP type " + std::to_string(ee.ee_type) + " code " + std::to_string(ee.ee_code) + " from " +
                found->offender;
  }
  journal_->record(e);
  return found;
}

Result<LabSocket> LabSocket::accept(std::chrono::milliseconds timeout) {
  if (!wait_for(fd_, POLLIN, timeout)) return Error{"lab host " + host_ + ": no connection within the time limit"};
  sockaddr_in peer{};
  socklen_t len = sizeof peer;
  const int fd = ::accept4(fd_, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC);
  auto e = event(SocketCall::Accept, fd);
  e.peer = {.ip = ntohl(peer.sin_addr.s_addr), .port = ntohs(peer.sin_port)};
  journal_->record(e);
  if (fd < 0) return Error{sys_error("accept()", host_, e.err)};
  return LabSocket(*journal_, host_, fd);
}

void LabSocket::shutdown_write() {
  const int r = ::shutdown(fd_, SHUT_WR);
  auto e = event(SocketCall::Shutdown, r);
  e.detail = "SHUT_WR";
  journal_->record(e);
}

}  // namespace wirelab::servers
