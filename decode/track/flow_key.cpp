#include "decode/track/flow_key.hpp"

#include <cstdio>

namespace wirelab::decode {

IpAddress IpAddress::v4(std::uint32_t a) {
  IpAddress r;
  r.bytes[0] = static_cast<std::uint8_t>(a >> 24);
  r.bytes[1] = static_cast<std::uint8_t>(a >> 16);
  r.bytes[2] = static_cast<std::uint8_t>(a >> 8);
  r.bytes[3] = static_cast<std::uint8_t>(a);
  return r;
}

std::uint32_t IpAddress::v4_host_order() const {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
         std::uint32_t{bytes[3]};
}

std::string to_string(const IpAddress& a) {
  char buf[48];
  if (a.family == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]);
    return buf;
  }
  // RFC 5952: the longest run (>= 2) of zero groups becomes "::", leftmost on ties.
  std::array<unsigned, 8> g{};
  for (std::size_t i = 0; i < 8; ++i) g[i] = (unsigned{a.bytes[2 * i]} << 8) | a.bytes[2 * i + 1];
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

std::uint64_t hash_of(const FlowKey& k) {
  // FNV-1a over the bytes that matter, then a final mix so linear probing spreads well.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::uint8_t b) { h = (h ^ b) * 1099511628211ull; };
  for (const FlowEndpoint* e : {&k.lo, &k.hi}) {
    const std::size_t n = e->ip.family == 4 ? 4 : 16;
    for (std::size_t i = 0; i < n; ++i) mix(e->ip.bytes[i]);
    mix(static_cast<std::uint8_t>(e->port >> 8));
    mix(static_cast<std::uint8_t>(e->port));
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

std::optional<std::pair<IpAddress, IpAddress>> ip_addresses(const Packet& p, const Layer& l) {
  const Layer* ip = nullptr;
  for (const Layer& x : p.layers) {
    if (&x == &l) break;
    if ((x.proto == Proto::Ipv4 || x.proto == Proto::Ipv6) && x.depth == l.depth) ip = &x;
  }
  if (!ip) return std::nullopt;
  const Bytes h = p.header_of(*ip);
  std::pair<IpAddress, IpAddress> r;
  if (ip->proto == Proto::Ipv4) {
    if (h.size() < 20) return std::nullopt;
    r.first = IpAddress::v4(load_be32(h, 12));
    r.second = IpAddress::v4(load_be32(h, 16));
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
        r.second = IpAddress::v4(load_be32(h, i + 3 + 4 * (n - 1)));
      }
      i += len;
    }
  } else {
    const Bytes b = p.bytes_of(*ip);
    if (b.size() < 40) return std::nullopt;
    r.first.family = r.second.family = 6;
    for (std::size_t i = 0; i < 16; ++i) {
      r.first.bytes[i] = load_u8(b, 8 + i);
      r.second.bytes[i] = load_u8(b, 24 + i);
    }
  }
  return r;
}

std::optional<FlowAddresses> flow_addresses(const Packet& p, const Layer& transport) {
  auto ips = ip_addresses(p, transport);
  const Bytes t = p.bytes_of(transport);
  if (!ips || t.size() < 4) return std::nullopt;
  return FlowAddresses{.src = {ips->first, load_be16(t, 0)}, .dst = {ips->second, load_be16(t, 2)}};
}

}  // namespace wirelab::decode
