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
    {"ieee8021ad", "802.1ad", "IEEE 802.1ad"},
    {"raw", "Raw", "Raw packet data"},
    {"ipv6.hopopts", "IPv6", "IPv6 Hop-by-Hop Option"},
    {"ipv6.routing", "IPv6", "Routing Header for IPv6"},
    {"ipv6.fraghdr", "IPv6", "Fragment Header for IPv6"},
    {"ipv6.dstopts", "IPv6", "Destination Options for IPv6"},
    {"icmpv6", "ICMPv6", "Internet Control Message Protocol v6"},
}};

const ProtoNames& names(Proto p) {
  static constexpr ProtoNames kUnknown{"unknown", "Unknown", "Unknown protocol"};
  const auto i = static_cast<std::size_t>(p);
  return i < kNames.size() ? kNames[i] : kUnknown;
}

}  // namespace

std::string_view proto_filter_name(Proto p) { return names(p).filter; }
std::string_view proto_display_name(Proto p) { return names(p).display; }
std::string_view proto_long_name(Proto p) { return names(p).long_name; }

}  // namespace wirelab::decode
