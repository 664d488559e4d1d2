#include "decode/proto.hpp"

#include <array>

namespace wirelab::decode {
namespace {

struct ProtoNames {
  std::string_view filter;
  std::string_view display;
  std::string_view long_name;
};

constexpr std::array<ProtoNames, static_cast<std::size_t>(Proto::kCount)> kNames{{
    {"frame", "Frame", "Frame"},
    {"eth", "Ethernet", "Ethernet II"},
    {"vlan", "802.1Q", "802.1Q Virtual LAN"},
    {"sll", "SLL", "Linux cooked capture v1"},
    {"sll", "SLL", "Linux cooked capture v2"},
    {"null", "NULL", "Null/Loopback"},
    {"arp", "ARP", "Address Resolution Protocol"},
    {"ip", "IPv4", "Internet Protocol Version 4"},
    {"ipv6", "IPv6", "Internet Protocol Version 6"},
    {"icmp", "ICMP", "Internet Control Message Protocol"},
    {"tcp", "TCP", "Transmission Control Protocol"},
    {"udp", "UDP", "User Datagram Protocol"},
    {"tftp", "TFTP", "Trivial File Transfer Protocol"},
    {"data", "Data", "Data"},
}};

const ProtoNames& names(Proto p) {
  const auto i = static_cast<std::size_t>(p);
  return kNames[i < kNames.size() ? i : kNames.size() - 1];
}

}  // namespace

std::string_view proto_filter_name(Proto p) { return names(p).filter; }
std::string_view proto_display_name(Proto p) { return names(p).display; }
std::string_view proto_long_name(Proto p) { return names(p).long_name; }

}  // namespace wirelab::decode
