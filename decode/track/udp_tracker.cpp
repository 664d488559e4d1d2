#include "decode/track/udp_tracker.hpp"

#include <algorithm>

namespace wirelab::decode {

namespace {
inline bool same_pair(const UdpFlow& f, const FlowEndpoint& x, const FlowEndpoint& y) {
  return (f.a == x && f.b == y) || (f.a == y && f.b == x);
}
}  // namespace

std::uint32_t UdpTracker::find_or_open(const Packet& p, const FlowAddresses& addrs) {
  const auto same = [&](std::uint32_t i) { return same_pair(flows_[i], addrs.src, addrs.dst); };
  const std::uint64_t hash = hash_of_pair(addrs.src, addrs.dst);
  std::uint32_t idx = index_.find(hash, same);
  if (idx == FlatIndexMap::kNone) {
    idx = static_cast<std::uint32_t>(flows_.size());
    flows_.emplace_back(UdpFlow{.stream = static_cast<std::int64_t>(idx), .a = addrs.src, .b = addrs.dst,
                             .first_ts_ns = p.ts_ns, .last_ts_ns = p.ts_ns, .first_frame = p.number});
    index_.put(hash, idx, same);
  }
  return idx;
}

std::int64_t UdpTracker::feed_checked(const Packet& p, const Layer* ip, const Layer& l) {
  // A header cut short by the capture: tshark stops before the conversation lookup.
  if (l.header_len < 8 || l.length < 8) return -1;
  if (!plain_ipv4(ip, l)) return feed_other(p, ip, l);
  return feed_words(header_words(p.header_of(*ip), p.bytes_of(l)), p, *ip, l);
}

std::int64_t UdpTracker::feed_missed(const Packet& p, const Layer& ip, const Layer& l, const HeaderWords& words) {
  const FlowAddresses addrs = plain_ipv4_addresses(p, ip, l);
  UdpFlow& f = flows_[find_or_open(p, addrs)];
  const bool ab = addrs.src == f.a;
  // The newest in front; the oldest of the set leaves.
  Recent* const set = set_of(words);
  std::copy_backward(set, set + kWays - 1, set + kWays);
  set[0] = Recent{.words = {ab ? words : words.reversed(), ab ? words.reversed() : words}, .flow = &f};
  return count_datagram(f, ab, p, l.length - 8);
}

std::int64_t UdpTracker::feed_other(const Packet& p, const Layer* ip, const Layer& l) {
  FlowAddresses addrs;
  if (!read_flow_addresses(p, ip, l, addrs)) return -1;
  UdpFlow& f = flows_[find_or_open(p, addrs)];
  return count_datagram(f, addrs.src == f.a, p, l.length - 8);
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
