// run_in_netns(): a socket made inside a lab host stays in that host's namespace, whichever
// thread uses it later; traffic between lab hosts flows over the segments and through r.
#include "servers/lab_netns.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "lab_test_support.hpp"
#include "servers/lab_session.hpp"

namespace wirelab::test {
namespace {

sockaddr_in address(const char* ip, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  ::inet_pton(AF_INET, ip, &sa.sin_addr);
  return sa;
}

// A UDP socket bound to ip:0 (errno in the result when bind fails).
struct Bound {
  int fd = -1;
  int bind_errno = 0;
  std::uint16_t port = 0;
};
Bound bind_udp(const char* ip) {
  Bound b;
  b.fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in sa = address(ip, 0);
  if (::bind(b.fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    b.bind_errno = errno;
    return b;
  }
  socklen_t len = sizeof sa;
  ::getsockname(b.fd, reinterpret_cast<sockaddr*>(&sa), &len);
  b.port = ntohs(sa.sin_port);
  return b;
}

std::string receive(int fd, std::string* from) {
  pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
  if (::poll(&p, 1, 2000) != 1) return "(nothing within 2 s)";
  char buf[256];
  sockaddr_in peer{};
  socklen_t len = sizeof peer;
  const ssize_t n = ::recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&peer), &len);
  char text[INET_ADDRSTRLEN];
  ::inet_ntop(AF_INET, &peer.sin_addr, text, sizeof text);
  *from = text;
  return n < 0 ? "(error)" : std::string(buf, static_cast<std::size_t>(n));
}

class LabNetns : public LabMachineTest {};

TEST_F(LabNetns, SocketsStayInTheNamespaceTheyWereMadeIn) {
  auto session = servers::LabSession::open();
  ASSERT_TRUE(session) << session.error().message;

  // 198.18.0.1 exists only inside wl-a: binding to it works there and not in the test's own namespace.
  auto in_a = servers::run_in_netns("wl-a", [] { return bind_udp("198.18.0.1"); });
  ASSERT_TRUE(in_a) << in_a.error().message;
  EXPECT_EQ(in_a->bind_errno, 0);
  const Bound outside = bind_udp("198.18.0.1");
  EXPECT_EQ(outside.bind_errno, EADDRNOTAVAIL);
  ::close(outside.fd);

  // d, behind the router: the datagram from a's socket (used from this thread) arrives through r.
  auto in_d = servers::run_in_netns("wl-d", [] { return bind_udp("198.18.1.1"); });
  ASSERT_TRUE(in_d) << in_d.error().message;
  ASSERT_EQ(in_d->bind_errno, 0);
  const std::string hello = "hello d, from a";
  sockaddr_in to_d = address("198.18.1.1", in_d->port);
  ASSERT_EQ(::sendto(in_a->fd, hello.data(), hello.size(), 0, reinterpret_cast<sockaddr*>(&to_d), sizeof to_d),
            static_cast<ssize_t>(hello.size()));
  std::string from;
  EXPECT_EQ(receive(in_d->fd, &from), hello);
  EXPECT_EQ(from, "198.18.0.1") << "routing keeps the source address";
  ::close(in_a->fd);
  ::close(in_d->fd);
}

TEST(LabNetnsErrors, MissingNamespaceIsAClearError) {
  auto r = servers::run_in_netns("wl-no-such-host", [] { return 1; });
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("/run/netns/wl-no-such-host"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace wirelab::test
