#include "servers/lab_host_ops.hpp"

#include <arpa/inet.h>
#include <net/if.h>
#include <netpacket/packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "servers/lab_ip_tool.hpp"
#include "servers/lab_netns.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

struct HostInterface {
  const LabHost* host = nullptr;
  const LabInterface* iface = nullptr;
};

Result<HostInterface> find_host(std::string_view host) {
  HostInterface h{lab_topology().host(host), lab_topology().interface_of(host)};
  if (h.host == nullptr || h.iface == nullptr) return Error{"\"" + std::string(host) + "\" is not a lab host (a, b, c, r, d)"};
  return h;
}

// Builds the 42-byte announcement: Ethernet II to ff:ff:ff:ff:ff:ff, then the ARP request
// (htype 1, ptype 0x0800, hlen 6, plen 4, op 1, sha, spa, tha = 0, tpa = spa).
std::array<unsigned char, 42> announcement(const unsigned char* mac, in_addr ip) {
  std::array<unsigned char, 42> f{};
  std::memset(f.data(), 0xff, 6);
  std::memcpy(f.data() + 6, mac, 6);
  f[12] = 0x08, f[13] = 0x06;
  f[14] = 0x00, f[15] = 0x01, f[16] = 0x08, f[17] = 0x00, f[18] = 6, f[19] = 4, f[20] = 0x00, f[21] = 0x01;
  std::memcpy(f.data() + 22, mac, 6);
  std::memcpy(f.data() + 28, &ip, 4);
  std::memcpy(f.data() + 38, &ip, 4);
  return f;
}

}  // namespace

std::optional<Error> flush_lab_neighbors(std::string_view host) {
  auto h = find_host(host);
  if (!h) return h.error();
  return run_ip({"-n", std::string(h->host->netns), "neigh", "flush", "dev", std::string(h->iface->name)});
}

std::string lab_neighbor_entry(std::string_view host, std::string_view ip) {
  auto h = find_host(host);
  if (!h) return "";
  auto shown = run_ip_tool({"-n", std::string(h->host->netns), "neigh", "show", std::string(ip)});
  if (!shown || shown->exit_code != 0) return "";
  std::string line = shown->output;
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

std::optional<Error> set_lab_mac(std::string_view host, std::string_view mac) {
  auto h = find_host(host);
  if (!h) return h.error();
  return run_ip({"-n", std::string(h->host->netns), "link", "set", "dev", std::string(h->iface->name), "address",
                 std::string(mac)});
}

std::optional<Error> send_gratuitous_arp(std::string_view host) {
  auto h = find_host(host);
  if (!h) return h.error();
  const std::string ifname(h->iface->name);
  in_addr ip{};
  ::inet_pton(AF_INET, std::string(h->iface->ipv4).c_str(), &ip);
  auto sent = run_in_netns(h->host->netns, [&]() -> std::optional<Error> {
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);  // protocol 0: send only
    if (fd < 0) return Error{std::string("packet socket for the gratuitous ARP: ") + std::strerror(errno)};
    ifreq req{};
    std::memcpy(req.ifr_name, ifname.c_str(), ifname.size() + 1);
    if (::ioctl(fd, SIOCGIFHWADDR, &req) != 0) {
      ::close(fd);
      return Error{"cannot read the MAC of " + ifname + ": " + std::strerror(errno)};
    }
    const auto frame = announcement(reinterpret_cast<const unsigned char*>(req.ifr_hwaddr.sa_data), ip);
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = static_cast<int>(::if_nametoindex(ifname.c_str()));
    to.sll_halen = 6;
    std::memset(to.sll_addr, 0xff, 6);
    const ssize_t n = ::sendto(fd, frame.data(), frame.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    const int err = errno;
    ::close(fd);
    if (n != static_cast<ssize_t>(frame.size())) return Error{"gratuitous ARP from " + ifname + ": " + std::strerror(err)};
    return std::nullopt;
  });
  if (!sent) return sent.error();
  return *sent;
}

}  // namespace wirelab::servers
