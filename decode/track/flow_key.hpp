// Who talks to whom: an IP address (v4 or v6) with a port, and the direction-free key of a
// conversation between two such endpoints. Trackers key their flat maps by FlowKey.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "decode/packet.hpp"

namespace wirelab::decode {

// An IPv4 or IPv6 address as two 64-bit words (big-endian halves; IPv4 in `hi`), so that
// building, comparing and hashing it on the per-packet path are a few word operations.
struct NetAddress {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  std::uint8_t family = 4;  // 4 or 6

  static NetAddress v4(std::uint32_t host_order) { return NetAddress{.hi = host_order, .lo = 0, .family = 4}; }
  static NetAddress v6(Bytes sixteen) { return NetAddress{.hi = load_be64(sixteen, 0), .lo = load_be64(sixteen, 8), .family = 6}; }
  std::uint32_t v4_host_order() const { return static_cast<std::uint32_t>(hi); }
  friend bool operator==(const NetAddress&, const NetAddress&) = default;
  friend auto operator<=>(const NetAddress&, const NetAddress&) = default;
};

struct FlowEndpoint {
  NetAddress ip;
  std::uint16_t port = 0;
  // Ports first: two endpoints of the same host usually differ there, so a mismatch (a
  // packet of another flow) ends after one compare.
  friend bool operator==(const FlowEndpoint& a, const FlowEndpoint& b) {
    return a.port == b.port && a.ip.hi == b.ip.hi && a.ip.lo == b.ip.lo && a.ip.family == b.ip.family;
  }
  friend auto operator<=>(const FlowEndpoint&, const FlowEndpoint&) = default;
};

// "10.0.0.1" / "2001:db8::1" (RFC 5952 compressed form, like tshark)
std::string to_string(const NetAddress& a);
// "10.0.0.1:80" (tshark's conversation tables print IPv6 the same way, without brackets)
std::string to_string(const FlowEndpoint& e);

struct FlowKey {
  FlowEndpoint lo;  // the smaller endpoint: the key is the same for both directions
  FlowEndpoint hi;
  static FlowKey of(const FlowEndpoint& a, const FlowEndpoint& b) {
    return a < b ? FlowKey{a, b} : FlowKey{b, a};
  }
  friend bool operator==(const FlowKey&, const FlowKey&) = default;
};

// One endpoint folded into a word: injective for IPv4 (address << 16 | port), a mix for IPv6.
inline std::uint64_t endpoint_word(const FlowEndpoint& e) {
  return ((e.ip.hi << 16) ^ (e.ip.lo * 0x9e3779b97f4a7c15ull) ^ (e.ip.hi >> 48) ^ e.port) + e.ip.family;
}
// The hash of a conversation from its two endpoint_word()s, smaller first.
inline std::uint64_t hash_of_words(std::uint64_t lo, std::uint64_t hi) {
  const std::uint64_t h = lo * 0xff51afd7ed558ccdull ^ hi * 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 32);
}
// Direction-free: both directions of a conversation hash alike (the two words are ordered
// first). A few instructions: it runs for every packet that misses the trackers' caches of
// recent flows.
inline std::uint64_t hash_of_pair(const FlowEndpoint& a, const FlowEndpoint& b) {
  const std::uint64_t x = endpoint_word(a), y = endpoint_word(b);
  return x < y ? hash_of_words(x, y) : hash_of_words(y, x);
}
inline std::uint64_t hash_of(const FlowKey& k) { return hash_of_pair(k.lo, k.hi); }

// The source and destination endpoints of the transport layer `l` (TCP or UDP) of a packet:
// addresses from the IP layer right before it, ports from its first four bytes.
struct FlowAddresses {
  FlowEndpoint src;
  FlowEndpoint dst;
};
std::optional<FlowAddresses> flow_addresses(const Packet& p, const Layer& transport);
// The same when the caller already knows the IP layer before `transport` (nullptr: none).
std::optional<FlowAddresses> flow_addresses(const Packet& p, const Layer* ip, const Layer& transport);
// Is `ip` an IPv4 header without options before a transport layer with its ports? Nearly every
// packet: the per-packet paths read those addresses inline.
inline bool plain_ipv4(const Layer* ip, const Layer& transport) {
  return ip && ip->proto == Proto::Ipv4 && ip->header_len == 20 && transport.length >= 4;
}
// The addresses of a plain_ipv4() packet, read inline.
inline FlowAddresses plain_ipv4_addresses(const Packet& p, const Layer& ip, const Layer& transport) {
  const Bytes h = p.header_of(ip);
  const Bytes t = p.bytes_of(transport);
  return {.src = {NetAddress::v4(load_be32(h, 12)), load_be16(t, 0)},
          .dst = {NetAddress::v4(load_be32(h, 16)), load_be16(t, 2)}};
}
// The address pair and the port pair of a plain_ipv4() packet as they lie in its headers, each
// pair one word: for telling flows apart by comparing, never read as numbers. The trackers'
// caches of recent flows match on them without building any address.
struct HeaderWords {
  std::uint64_t addrs = 0;
  std::uint32_t ports = 0;
  // The words of the same flow's packets the other way: source and destination swapped.
  HeaderWords reversed() const { return {addrs << 32 | addrs >> 32, ports << 16 | ports >> 16}; }
  friend bool operator==(const HeaderWords&, const HeaderWords&) = default;
};
// The words of an IPv4 header (20 bytes at least) and the transport header after it.
inline HeaderWords header_words(Bytes ip_header, Bytes transport) {
  HeaderWords w;
  std::memcpy(&w.addrs, ip_header.data() + 12, sizeof w.addrs);
  std::memcpy(&w.ports, transport.data(), sizeof w.ports);
  return w;
}
// As above into `out`, false when there are none; a plain_ipv4() header is read inline,
// anything else goes the general way.
inline bool read_flow_addresses(const Packet& p, const Layer* ip, const Layer& transport, FlowAddresses& out) {
  if (plain_ipv4(ip, transport)) {
    out = plain_ipv4_addresses(p, *ip, transport);
    return true;
  }
  const auto a = flow_addresses(p, ip, transport);
  if (a) out = *a;
  return a.has_value();
}
// Just the IP addresses of the network layer before `l` (for ICMP, which has no ports).
std::optional<std::pair<NetAddress, NetAddress>> ip_addresses(const Packet& p, const Layer& l);
// The source and (final) destination addresses of one IPv4 or IPv6 layer.
std::optional<std::pair<NetAddress, NetAddress>> addresses_of_ip(const Packet& p, const Layer& ip);

}  // namespace wirelab::decode
