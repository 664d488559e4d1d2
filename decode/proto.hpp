// The protocols wirelab knows, as one small enum shared by layers, fields and dispatch.
#pragma once
#include <cstdint>
#include <string_view>

namespace wirelab::decode {

enum class Proto : std::uint8_t {
  Frame,
  Eth,
  Vlan,
  Sll,
  Sll2,
  Null,
  Arp,
  Ipv4,
  Ipv6,
  Icmp,
  Tcp,
  Udp,
  Tftp,
  Data,
  Ieee8021ad,    // S-tag of an 802.1ad (QinQ) stack, EtherType 0x88a8
  Raw,           // LINKTYPE_RAW: no link header, IPv4 or IPv6 by the version nibble
  Ipv6HopOpts,   // IPv6 extension headers, each its own layer as tshark shows them
  Ipv6Routing,
  Ipv6Fragment,
  Ipv6DstOpts,
  Icmpv6,
  kCount
};

// Wireshark's filter name of the protocol ("eth", "ip", "tcp", ...).
std::string_view proto_filter_name(Proto p);
// The name shown in the protocol column ("ARP", "IPv4", "TCP", ...).
std::string_view proto_display_name(Proto p);
std::string_view proto_long_name(Proto p);

}  // namespace wirelab::decode
