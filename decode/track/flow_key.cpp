#include "decode/track/flow_key.hpp"

#include <cstdio>

namespace wirelab::decode {

std::string to_string(const NetAddress& a) {
  char buf[48];
  if (a.family == 4) {
    const std::uint32_t v = a.v4_host_order();
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    return buf;
  }
  // RFC 5952: the longest run (>= 2) of zero groups becomes "::", leftmost on ties.
  std::array<unsigned, 8> g{};
  for (std::size_t i = 0; i < 8; ++i)
    g[i] = static_cast<unsigned>(((i < 4 ? a.hi : a.lo) >> (48 - 16 * (i % 4))) & 0xffff);
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[static_cast<std::size_t>(i)] != 0) { ++i; continue; }
    int j = i;
    while (j < 8 && g[static_cast<std::size_t>(j)] == 0) ++j;
    if (j - i > best_len && j - i >= 2) { best = i; best_len = j - i; }
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::snprintf(buf, sizeof buf, "%x", g[static_cast<std::size_t>(i)]);
    out += buf;
  }
  return out;
}

std::string to_string(const FlowEndpoint& e) { return to_string(e.ip) + ":" + std::to_string(e.port); }

std::optional<std::pair<NetAddress, NetAddress>> ip_addresses(const Packet& p, const Layer& l) {
  const Layer* ip = nullptr;
  for (const Layer& x : p.layers) {
    if (&x == &l) break;
    if ((x.proto == Proto::Ipv4 || x.proto == Proto::Ipv6) && x.depth == l.depth) ip = &x;
  }
  if (!ip) return std::nullopt;
  return addresses_of_ip(p, *ip);
}

std::optional<std::pair<NetAddress, NetAddress>> addresses_of_ip(const Packet& p, const Layer& ip_layer) {
  const Layer* ip = &ip_layer;
  const Bytes h = p.header_of(*ip);
  std::pair<NetAddress, NetAddress> r;
  if (ip->proto == Proto::Ipv4) {
    if (h.size() < 20) return std::nullopt;
    r.first = NetAddress::v4(load_be32(h, 12));
    r.second = NetAddress::v4(load_be32(h, 16));
    if (h.size() == 20) return r;  // no options: the common case
    // A source route (LSRR 131 / SSRR 137) names the final destination last; tshark keys
    // conversations by it, so do we.
    for (std::size_t i = 20; i < h.size();) {
      const std::uint8_t kind = load_u8(h, i);
      if (kind == 0) break;
      if (kind == 1) { ++i; continue; }
      if (i + 1 >= h.size()) break;
      const std::uint8_t len = load_u8(h, i + 1);
      if (len < 2 || !fits(h, i, len)) break;
      if ((kind == 131 || kind == 137) && len >= 7) {
        const std::size_t n = (len - 3u) / 4u;
        r.second = NetAddress::v4(load_be32(h, i + 3 + 4 * (n - 1)));
      }
      i += len;
    }
  } else {
    const Bytes b = p.bytes_of(*ip);
    if (b.size() < 40) return std::nullopt;
    r.first = NetAddress::v6(b.subspan(8, 16));
    r.second = NetAddress::v6(b.subspan(24, 16));
    // A type 0 routing header with segments left names the final destination last (as LSRR).
    std::uint8_t next = load_u8(b, 6);
    for (std::size_t off = 40; (next == 0 || next == 43 || next == 60) && fits(b, off, 8);) {
      const std::size_t len = (std::size_t{load_u8(b, off + 1)} + 1) * 8;
      if (!fits(b, off, len)) break;
      if (next == 43 && load_u8(b, off + 2) == 0 && load_u8(b, off + 3) > 0 && load_u8(b, off + 1) >= 2) {
        const std::size_t n = load_u8(b, off + 1) / 2;
        r.second = NetAddress::v6(b.subspan(off + 8 + 16 * (n - 1), 16));
      }
      next = load_u8(b, off);
      off += len;
    }
  }
  return r;
}

namespace {
std::optional<FlowAddresses> with_ports(const Packet& p, const std::optional<std::pair<NetAddress, NetAddress>>& ips,
                                        const Layer& transport) {
  const Bytes t = p.bytes_of(transport);
  if (!ips || t.size() < 4) return std::nullopt;
  return FlowAddresses{.src = {ips->first, load_be16(t, 0)}, .dst = {ips->second, load_be16(t, 2)}};
}
}  // namespace

std::optional<FlowAddresses> flow_addresses(const Packet& p, const Layer& transport) {
  return with_ports(p, ip_addresses(p, transport), transport);
}

std::optional<FlowAddresses> flow_addresses(const Packet& p, const Layer* ip, const Layer& transport) {
  if (!ip) return std::nullopt;
  return with_ports(p, addresses_of_ip(p, *ip), transport);
}

}  // namespace wirelab::decode
