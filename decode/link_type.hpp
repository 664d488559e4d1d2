// Link-layer header types (tcpdump.org LINKTYPE_ values) that wirelab decodes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace wirelab::decode {

enum class LinkType : std::uint32_t {
  Null = 0,        // BSD loopback: 4-byte address family in the capturing host's byte order
  Ethernet = 1,
  Raw = 101,       // raw IPv4 or IPv6, version from the first nibble
  Loop = 108,      // OpenBSD loopback: address family in network byte order
  LinuxSll = 113,
  Ipv4 = 228,
  Ipv6 = 229,
  LinuxSll2 = 276,
};

bool is_supported(LinkType t);
// "EN10MB", "LINUX_SLL", ... as libpcap names them; "LINKTYPE_N" for others.
std::string_view link_type_name(LinkType t);
std::string link_type_describe(std::uint32_t value);

}  // namespace wirelab::decode
