#include "decode/track/udp_tracker.hpp"

namespace wirelab::decode {

namespace {
inline bool same_pair(const UdpFlow& f, const FlowEndpoint& x, const FlowEndpoint& y) {
  return (f.a == x && f.b == y) || (f.a == y && f.b == x);
}
}  // namespace

// Inlined: for the IPv4 addresses feed() builds, the endpoint words fold to a shift and an or.
[[gnu::always_inline]] inline std::uint32_t UdpTracker::find_or_open(const Packet& p, const FlowAddresses& addrs) {
  const std::uint64_t x = endpoint_word(addrs.src), y = endpoint_word(addrs.dst);
  const std::uint64_t lo = x < y ? x : y, hi = x < y ? y : x;
  const std::uint64_t hash = hash_of_words(lo, hi);
  const bool v4 = addrs.src.ip.family == 4 && addrs.dst.ip.family == 4;
  Recent& r = recent_[hash % kRecent];
  if (v4 && r.index_plus_one != 0 && r.lo == lo && r.hi == hi) return r.index_plus_one - 1;
  const auto same = [&](std::uint32_t i) { return same_pair(flows_[i], addrs.src, addrs.dst); };
  std::uint32_t idx = index_.find(hash, same);
  if (idx == FlatIndexMap::kNone) {
    idx = static_cast<std::uint32_t>(flows_.size());
    flows_.emplace_back(UdpFlow{.stream = static_cast<std::int64_t>(idx), .a = addrs.src, .b = addrs.dst,
                             .first_ts_ns = p.ts_ns, .last_ts_ns = p.ts_ns, .first_frame = p.number});
    index_.put(hash, idx, same);
  }
  if (v4) r = Recent{.lo = lo, .hi = hi, .index_plus_one = idx + 1};
  return idx;
}

std::int64_t UdpTracker::feed(const Packet& p, const Layer* ip, const Layer& l) {
  // A header cut short by the capture: tshark stops before the conversation lookup.
  if (l.header_len < 8 || l.length < 8) return -1;
  FlowAddresses addrs;
  std::uint32_t idx = 0;
  // Two calls of the inlined find_or_open(), so that the IPv4 one folds the endpoint words.
  if (plain_ipv4(ip, l)) {
    addrs = plain_ipv4_addresses(p, *ip, l);
    idx = find_or_open(p, addrs);
  } else {
    if (!read_flow_addresses(p, ip, l, addrs)) return -1;
    idx = find_or_open(p, addrs);
  }
  UdpFlow& f = flows_[idx];
  const std::uint32_t payload = l.length - 8;
  if (addrs.src == f.a) {
    ++f.frames_ab;
    f.wire_bytes_ab += p.wire_len;
    f.payload_bytes_ab += payload;
  } else {
    ++f.frames_ba;
    f.wire_bytes_ba += p.wire_len;
    f.payload_bytes_ba += payload;
  }
  f.last_ts_ns = p.ts_ns;
  return f.stream;
}

std::int64_t UdpTracker::quoted(const Packet& p, const Layer& l) {
  const auto addrs = flow_addresses(p, l);
  if (!addrs || l.header_len < 8) return -1;
  const std::uint32_t idx = find_or_open(p, *addrs);
  return flows_[idx].stream;
}

const UdpFlow* UdpTracker::stream(std::int64_t index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= flows_.size()) return nullptr;
  return &flows_[static_cast<std::size_t>(index)];
}

std::int64_t UdpTracker::find(const FlowEndpoint& src, const FlowEndpoint& dst) const {
  const std::uint32_t idx = index_.find(hash_of_pair(src, dst),
                                        [&](std::uint32_t i) { return same_pair(flows_[i], src, dst); });
  return idx == FlatIndexMap::kNone ? -1 : static_cast<std::int64_t>(idx);
}

}  // namespace wirelab::decode
