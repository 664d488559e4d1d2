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
  kCount
};

// Wireshark's filter name of the protocol ("eth", "ip", "tcp", ...).
std::string_view proto_filter_name(Proto p);
// The name shown in the protocol column and the detail tree ("Ethernet II", "TCP", ...).
std::string_view proto_display_name(Proto p);
std::string_view proto_long_name(Proto p);

}  // namespace wirelab::decode
