// UDP broadcast on loopback: listeners bind the loopback broadcast address 127.255.255.255 on
// one port (SO_REUSEADDR lets several share it) and each receives a copy of every datagram
// sent there. The kernel refuses the send with EACCES unless the sender set SO_BROADCAST.
#pragma once
#include <string>

#include "servers/datagram_socket.hpp"

namespace wirelab::servers {

// port 0 lets the kernel choose (for the first listener); later listeners pass that port.
Result<DatagramSocket> open_broadcast_listener(Journal* journal, std::string actor, std::uint16_t port);
// A socket with SO_BROADCAST=1, ready to send to {kLoopbackBroadcast, port}.
Result<DatagramSocket> open_broadcast_sender(Journal* journal, std::string actor);

}  // namespace wirelab::servers
