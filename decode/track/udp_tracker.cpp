#include "decode/track/udp_tracker.hpp"

namespace wirelab::decode {

std::int64_t UdpTracker::feed(const Packet& p, const Layer& l) {
  const auto addrs = flow_addresses(p, l);
  if (!addrs) return -1;
  const FlowKey key = FlowKey::of(addrs->src, addrs->dst);
  std::uint32_t idx = index_.find(key);
  if (idx == FlatIndexMap<FlowKey, hash_of>::kNone) {
    idx = static_cast<std::uint32_t>(flows_.size());
    flows_.push_back(UdpFlow{.stream = static_cast<std::int64_t>(idx), .a = addrs->src, .b = addrs->dst,
                             .first_ts_ns = p.ts_ns, .last_ts_ns = p.ts_ns, .first_frame = p.number});
    index_.put(key, idx);
  }
  UdpFlow& f = flows_[idx];
  const std::uint32_t payload = l.length >= 8 ? l.length - 8 : 0;
  if (addrs->src == f.a) {
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

const UdpFlow* UdpTracker::stream(std::int64_t index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= flows_.size()) return nullptr;
  return &flows_[static_cast<std::size_t>(index)];
}

std::int64_t UdpTracker::find(const FlowEndpoint& src, const FlowEndpoint& dst) const {
  const std::uint32_t idx = index_.find(FlowKey::of(src, dst));
  return idx == FlatIndexMap<FlowKey, hash_of>::kNone ? -1 : static_cast<std::int64_t>(idx);
}

}  // namespace wirelab::decode
