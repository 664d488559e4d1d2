#include "servers/udp_datagram_server.hpp"

#include <vector>

namespace wirelab::servers {

UdpDatagramServer::UdpDatagramServer(Journal* journal, Handler handler, SockAddr bind_to)
    : journal_(journal), handler_(std::move(handler)), bind_to_(bind_to) {}

UdpDatagramServer::~UdpDatagramServer() { stop(); }

Result<std::uint16_t> UdpDatagramServer::start() {
  if (thread_.joinable()) return Error{"UDP server already started on port " + std::to_string(port_)};
  auto sock = DatagramSocket::open_udp(journal_, "server");
  if (!sock) return sock.error();
  auto bound = sock->bind(bind_to_);
  if (!bound) return bound.error();
  port_ = bound->port;
  socket_.emplace(std::move(*sock));
  thread_ = std::thread([this] { run(); });
  return port_;
}

void UdpDatagramServer::run() {
  std::vector<std::byte> buf(65536);  // the largest UDP payload fits
  for (;;) {
    const DatagramReceive r = socket_->receive(buf, -1, &stop_);
    if (r.status == DatagramReceive::Status::Stopped) return;
    if (r.status != DatagramReceive::Status::Data) continue;  // e.g. ICMP-reported errors: keep serving
    ++datagrams_;
    handler_(*socket_, std::span<const std::byte>(buf.data(), r.size), r.from);
  }
}

void UdpDatagramServer::stop() {
  stop_.request();
  if (thread_.joinable()) thread_.join();
  socket_.reset();  // closes (journaled)
}

}  // namespace wirelab::servers
