#include "servers/udp_overflow.hpp"

#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace wirelab::servers {

std::optional<std::int64_t> read_udp_rcvbuf_errors() {
  std::ifstream in("/proc/net/snmp");
  std::string header;
  std::string values;
  while (std::getline(in, header)) {
    if (header.rfind("Udp:", 0) != 0) continue;
    if (!std::getline(in, values)) return std::nullopt;
    std::istringstream names(header);
    std::istringstream nums(values);
    std::string name;
    std::string num;
    while (names >> name && nums >> num) {
      if (name == "RcvbufErrors") return std::stoll(num);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

namespace {

std::uint32_t socket_drops(int fd) {
  std::uint32_t meminfo[SK_MEMINFO_VARS] = {};
  socklen_t len = sizeof meminfo;
  if (::getsockopt(fd, SOL_SOCKET, SO_MEMINFO, meminfo, &len) != 0 || len <= SK_MEMINFO_DROPS * sizeof(std::uint32_t))
    return 0;
  return meminfo[SK_MEMINFO_DROPS];
}

}  // namespace

Result<UdpOverflowReport> run_udp_overflow(Journal* journal, const UdpOverflowConfig& config) {
  auto receiver = DatagramSocket::open_udp(journal, "receiver");
  if (!receiver) return receiver.error();
  // SO_RCVBUF before bind: the queue is small from the first datagram on.
  if (!receiver->set_int_option(SOL_SOCKET, SO_RCVBUF, config.rcvbuf, "SO_RCVBUF") ||
      !receiver->set_int_option(SOL_SOCKET, SO_RXQ_OVFL, 1, "SO_RXQ_OVFL"))
    return Error{"setsockopt(SO_RCVBUF / SO_RXQ_OVFL) failed on the receiver"};
  auto bound = receiver->bind({.ip = kLoopback, .port = 0});
  if (!bound) return bound.error();
  auto sender = DatagramSocket::open_udp(journal, "sender");
  if (!sender) return sender.error();
  if (config.before_burst) {
    if (auto err = config.before_burst(bound->port)) return *err;
  }

  UdpOverflowReport report;
  report.rcvbuf_effective = receiver->get_int_option(SOL_SOCKET, SO_RCVBUF);
  const auto snmp_before = read_udp_rcvbuf_errors();

  std::thread reader([&] {
    std::vector<std::byte> buf(config.payload + 1);
    for (;;) {
      std::uint32_t drops = 0;
      const DatagramReceive r = receiver->receive_with_drops(buf, config.quiet_ms, drops);
      if (r.status != DatagramReceive::Status::Data) return;
      ++report.received;
      if (drops > report.dropped_seen_by_reader) report.dropped_seen_by_reader = drops;
      std::this_thread::sleep_for(std::chrono::microseconds(config.read_delay_us));
    }
  });
  const std::vector<std::byte> payload(config.payload, std::byte{'x'});
  for (int i = 0; i < config.datagrams; ++i) {
    if (sender->send_to(payload, *bound) > 0) ++report.sent;
  }
  reader.join();

  report.dropped = socket_drops(receiver->fd());
  if (const auto after = read_udp_rcvbuf_errors(); after && snmp_before) report.snmp_rcvbuf_errors_delta = *after - *snmp_before;
  return report;
}

}  // namespace wirelab::servers
