#include "decode/dispatch.hpp"

#include <array>
#include <utility>

#include "decode/ethernet.hpp"

namespace wirelab::decode {
namespace {

constexpr std::array<std::pair<std::uint16_t, Proto>, 7> kEtherTypes{{
    {ethertype::kIpv4, Proto::Ipv4},
    {ethertype::kArp, Proto::Arp},
    {ethertype::kRarp, Proto::Arp},
    {ethertype::kVlan, Proto::Vlan},
    {ethertype::kQinQ, Proto::Ieee8021ad},
    {ethertype::kQinQOld, Proto::Vlan},
    {ethertype::kIpv6, Proto::Ipv6},
}};

constexpr std::array<std::pair<std::uint8_t, Proto>, 4> kIpProtocols{{
    {1, Proto::Icmp},
    {6, Proto::Tcp},
    {17, Proto::Udp},
    {58, Proto::Icmpv6},
}};

constexpr std::array<std::pair<LinkType, Proto>, 8> kLinkTypes{{
    {LinkType::Ethernet, Proto::Eth},
    {LinkType::LinuxSll, Proto::Sll},
    {LinkType::LinuxSll2, Proto::Sll2},
    {LinkType::Null, Proto::Null},
    {LinkType::Loop, Proto::Null},
    {LinkType::Raw, Proto::Raw},  // IPv4 or IPv6 by the version nibble
    {LinkType::Ipv4, Proto::Ipv4},
    {LinkType::Ipv6, Proto::Ipv6},
}};

template <class Table, class Key>
Proto lookup(const Table& table, Key key) {
  for (const auto& [k, p] : table)
    if (k == key) return p;
  return Proto::Data;
}

}  // namespace

Proto proto_for_ethertype(std::uint16_t t) { return lookup(kEtherTypes, t); }
Proto proto_for_ip_protocol(std::uint8_t p) { return lookup(kIpProtocols, p); }
Proto proto_for_link_type(LinkType t) { return lookup(kLinkTypes, t); }

}  // namespace wirelab::decode
