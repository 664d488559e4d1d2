#include "servers/udp_chat_server.hpp"

#include <algorithm>

namespace wirelab::servers {

UdpChatServer::UdpChatServer(Journal* journal, SockAddr bind_to)
    : server_(
          journal, [this](DatagramSocket& s, std::span<const std::byte> d, SockAddr from) { relay(s, d, from); }, bind_to) {}

std::vector<SockAddr> UdpChatServer::clients() const {
  std::lock_guard lock(mu_);
  return clients_;
}

void UdpChatServer::relay(DatagramSocket& socket, std::span<const std::byte> datagram, SockAddr from) {
  std::vector<SockAddr> others;
  {
    std::lock_guard lock(mu_);
    const bool known = std::any_of(clients_.begin(), clients_.end(), [&](SockAddr c) { return same_endpoint(c, from); });
    if (!known) clients_.push_back(from);
    for (SockAddr c : clients_) {
      if (!same_endpoint(c, from)) others.push_back(c);
    }
  }
  for (SockAddr c : others) socket.send_to(datagram, c);
}

}  // namespace wirelab::servers
