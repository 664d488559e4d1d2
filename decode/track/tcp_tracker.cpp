#include "decode/track/tcp_tracker.hpp"

#include <algorithm>

#include "decode/tcp.hpp"

namespace wirelab::decode {

namespace {
// The Window Scale option (RFC 7323 §2.2: kind 3, length 3, shift).
std::int8_t window_shift_of(Bytes options) {
  for (std::size_t i = 0; i < options.size();) {
    const std::uint8_t kind = load_u8(options, i);
    if (kind == 0) break;
    if (kind == 1) { ++i; continue; }
    if (i + 1 >= options.size()) break;
    const std::uint8_t len = load_u8(options, i + 1);
    if (len < 2 || !fits(options, i, len)) break;
    if (kind == 3 && len == 3) return static_cast<std::int8_t>(load_u8(options, i + 2));
    i += len;
  }
  return -1;
}
// tcp.len as tshark computes it: the length the IP header claims for the segment minus the
// TCP header length (a snapped capture still says how long the segment was).
std::uint32_t reported_payload_len(const Packet& p, const Layer& l) {
  const Bytes b = p.bytes_of(l);
  const std::uint32_t hlen = b.size() >= 13 ? TcpView{b}.header_len() : l.header_len;
  if (l.reported_len >= hlen && hlen >= TcpView::kMinHeaderLen) return l.reported_len - hlen;
  return l.length > l.header_len ? l.length - l.header_len : 0;
}
}  // namespace

TcpSegment tcp_segment_of(const Packet& p, const Layer& l) {
  const TcpView v{p.bytes_of(l)};
  TcpSegment s;
  s.frame = p.number;
  s.ts_ns = p.ts_ns;
  s.wire_len = p.wire_len;
  s.seq = v.seq();
  s.ack = v.ack();
  s.flags = v.flags();
  s.window = v.window();
  if (v.flags() & tcp_flag::kSyn) {
    // Only the option bytes actually captured (a snapped header keeps fewer than it claims).
    const std::size_t end = std::min<std::size_t>(v.header_len(), v.bytes.size());
    if (end > TcpView::kMinHeaderLen) s.window_shift = window_shift_of(v.bytes.subspan(20, end - 20));
  }
  s.payload = p.payload_of(l);
  s.len = reported_payload_len(p, l);
  // tshark raises an exception (and skips its conversation taps) when the TCP header itself
  // is damaged or cut short by the capture.
  const Bytes b = p.bytes_of(l);
  s.malformed = (p.problem && p.problem->layer == Proto::Tcp && p.problem->kind != ErrorKind::Truncated) ||
                (b.size() >= 13 && TcpView{b}.header_len() > b.size());
  return s;
}

void TcpTracker::feed(const Packet& p, const Layer& l, TcpAnnotation& out) {
  const auto addrs = flow_addresses(p, l);
  if (!addrs || l.header_len < TcpView::kMinHeaderLen) return;
  const TcpSegment s = tcp_segment_of(p, l);
  const auto same_tuple = [&](std::uint32_t i) {
    const TcpConnection& c = conns_[i];
    return (c.first_src() == addrs->src && c.first_dst() == addrs->dst) ||
           (c.first_src() == addrs->dst && c.first_dst() == addrs->src);
  };
  // Consecutive segments usually belong to one connection: try the last one before hashing.
  std::uint64_t hash = 0;
  std::uint32_t idx = FlatIndexMap::kNone;
  if (last_ != FlatIndexMap::kNone && same_tuple(last_)) {
    idx = last_;
  } else {
    hash = hash_of_pair(addrs->src, addrs->dst);
    idx = current_.find(hash, same_tuple);
  }
  bool reused = false;
  if (idx != FlatIndexMap::kNone) {
    TcpConnection& c = conns_[idx];
    if (c.syn_starts_new_stream(s, addrs->src)) {
      reused = true;
      idx = FlatIndexMap::kNone;
    } else if ((s.flags & (tcp_flag::kSyn | tcp_flag::kAck)) == tcp_flag::kSyn) {
      c.prepare_syn_retransmission(addrs->src);
    }
  }
  if (idx == FlatIndexMap::kNone) {
    idx = static_cast<std::uint32_t>(conns_.size());
    const auto stream = static_cast<std::int64_t>(idx);
    conns_.emplace_back(stream, addrs->src, addrs->dst);
    if (record_all_ || record_one_ == stream) conns_.back().record_steps(true);
    if (reused) conns_.back().mark_reused_ports();
    current_.put(hash_of_pair(addrs->src, addrs->dst), idx, same_tuple);
  }
  last_ = idx;
  TcpConnection& c = conns_[idx];
  out = c.on_segment(s, addrs->src).note;
  if (static_cast<std::int64_t>(idx) == follow_stream_)
    reassembly_.add(out.from_client ? 0 : 1, s.seq, (s.flags & tcp_flag::kSyn) != 0, (s.flags & tcp_flag::kFin) != 0,
                    s.payload.subspan(0, std::min<std::size_t>(s.payload.size(), s.len)), s.frame);
}

const TcpConnection* TcpTracker::stream(std::int64_t index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= conns_.size()) return nullptr;
  return &conns_[static_cast<std::size_t>(index)];
}

std::int64_t TcpTracker::find(const FlowEndpoint& a, const FlowEndpoint& b) const {
  const std::uint32_t idx = current_.find(hash_of_pair(a, b), [&](std::uint32_t i) {
    const TcpConnection& c = conns_[i];
    return (c.first_src() == a && c.first_dst() == b) || (c.first_src() == b && c.first_dst() == a);
  });
  return idx == FlatIndexMap::kNone ? -1 : static_cast<std::int64_t>(idx);
}

std::size_t TcpTracker::memory_bytes() const {
  std::size_t n = current_.memory_bytes();
  for (const auto& c : conns_) n += c.memory_bytes();
  return n;
}

}  // namespace wirelab::decode
