#include "servers/udp_broadcast.hpp"

#include <sys/socket.h>

namespace wirelab::servers {

Result<DatagramSocket> open_broadcast_listener(Journal* journal, std::string actor, std::uint16_t port) {
  auto s = DatagramSocket::open_udp(journal, std::move(actor));
  if (!s) return s.error();
  if (!s->set_int_option(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR"))
    return Error{"setsockopt(SO_REUSEADDR) failed on a broadcast listener"};
  auto bound = s->bind({.ip = kLoopbackBroadcast, .port = port});
  if (!bound) return bound.error();
  return std::move(*s);
}

Result<DatagramSocket> open_broadcast_sender(Journal* journal, std::string actor) {
  auto s = DatagramSocket::open_udp(journal, std::move(actor));
  if (!s) return s.error();
  if (!s->set_int_option(SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST"))
    return Error{"setsockopt(SO_BROADCAST) failed"};
  return std::move(*s);
}

}  // namespace wirelab::servers
