#include "decode/track/tcp_tracker.hpp"

#include <algorithm>

#include "decode/ipv4.hpp"
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
}  // namespace

namespace {
// Inlined into feed(): the public tcp_segment_of() below is the same.
inline TcpSegment read_segment(const Packet& p, const Layer& l) {
  const Bytes b = p.bytes_of(l);
  const TcpView v{b};
  TcpSegment s;
  s.frame = p.number;
  s.ts_ns = p.ts_ns;
  s.wire_len = p.wire_len;
  s.seq = v.seq();
  s.ack = v.ack();
  s.flags = v.flags();
  s.window = v.window();
  const std::uint32_t hlen = b.size() >= 13 ? v.header_len() : l.header_len;
  if (s.flags & tcp_flag::kSyn) {
    // Only the option bytes actually captured (a snapped header keeps fewer than it claims).
    const std::size_t end = std::min<std::size_t>(hlen, b.size());
    if (end > TcpView::kMinHeaderLen) s.window_shift = window_shift_of(b.subspan(20, end - 20));
  }
  s.payload = p.payload_of(l);
  // tcp.len as tshark computes it: the length the IP header claims for the segment minus the
  // TCP header length (a snapped capture still says how long the segment was).
  if (l.reported_len >= hlen && hlen >= TcpView::kMinHeaderLen) s.len = l.reported_len - hlen;
  else s.len = l.length > l.header_len ? l.length - l.header_len : 0;
  // tshark raises an exception (and skips its conversation taps) when the TCP header itself
  // is damaged or cut short by the capture.
  s.malformed = (b.size() >= 13 && hlen > b.size()) ||
                (p.problem && p.problem->layer == Proto::Tcp && p.problem->kind != ErrorKind::Truncated);
  return s;
}

// Is the segment's checksum wrong? Only a segment captured whole can tell (false otherwise).
// The pseudo-header (RFC 9293 §3.1; RFC 8200 §8.1 for IPv6) takes the final destination,
// which is what the flow addresses hold.
bool checksum_bad(const Packet& p, const Layer& l, const FlowAddresses& a) {
  const Bytes seg = p.bytes_of(l);
  if (l.partial() || seg.size() != l.reported_len || seg.size() > 0xffff) return false;
  std::uint64_t sum = 6 + seg.size();  // protocol and TCP length
  for (const NetAddress* ip : {&a.src.ip, &a.dst.ip}) {
    const std::uint64_t words[2] = {ip->hi, ip->lo};
    for (std::size_t w = 0; w < (ip->family == 4 ? 1u : 2u); ++w)
      for (int shift = 0; shift < 64; shift += 16) sum += (words[w] >> shift) & 0xffff;
  }
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return internet_checksum(seg, static_cast<std::uint32_t>(sum)) != 0;
}
}  // namespace

TcpSegment tcp_segment_of(const Packet& p, const Layer& l) { return read_segment(p, l); }

void TcpTracker::feed(const Packet& p, const Layer* ip, const Layer& l, TcpAnnotation& out) {
  if (l.header_len < TcpView::kMinHeaderLen) return;
  // Consecutive segments usually belong to one connection. For IPv4 without options (nearly
  // every packet) the test is two compares of packed endpoint words against the previous
  // segment's, before any address is built or hashed; a SYN (which may start a new stream)
  // and checksum verification (which needs the addresses) take the general way.
  const bool plain_v4 = plain_ipv4(ip, l);
  if (plain_v4 && last_v4_ && !verify_checksums_) {
    const Bytes h = p.header_of(*ip);
    const Bytes t = p.bytes_of(l);
    const std::uint64_t src = endpoint_word({NetAddress::v4(load_be32(h, 12)), load_be16(t, 0)});
    const std::uint64_t dst = endpoint_word({NetAddress::v4(load_be32(h, 16)), load_be16(t, 2)});
    const int dir = src == last_words_[0] && dst == last_words_[1] ? 0 : src == last_words_[1] && dst == last_words_[0] ? 1 : -1;
    if (dir >= 0 && !(load_u8(t, 13) & tcp_flag::kSyn)) {
      const TcpSegment s = read_segment(p, l);
      last_conn_->on_segment(s, dir, out);
      if (last_conn_->stream() == follow_stream_) follow_segment(s, out);
      return;
    }
  }
  feed_general(p, ip, l, plain_v4, out);
}

void TcpTracker::feed_general(const Packet& p, const Layer* ip, const Layer& l, bool plain_v4, TcpAnnotation& out) {
  FlowAddresses addrs;
  if (!read_flow_addresses(p, ip, l, addrs)) return;
  TcpSegment s = read_segment(p, l);
  if (verify_checksums_) s.checksum_bad = checksum_bad(p, l, addrs);
  int dir = -1;
  std::uint32_t idx = FlatIndexMap::kNone;
  if (last_conn_) {
    dir = last_conn_->direction_of(addrs.src, addrs.dst);
    if (dir >= 0) idx = static_cast<std::uint32_t>(last_conn_->stream());
  }
  const auto same_tuple = [&](std::uint32_t i) {
    dir = conns_[i].direction_of(addrs.src, addrs.dst);
    return dir >= 0;
  };
  if (idx == FlatIndexMap::kNone) idx = current_.find(hash_of_pair(addrs.src, addrs.dst), same_tuple);
  bool reused = false;
  if (idx != FlatIndexMap::kNone && (s.flags & tcp_flag::kSyn)) {
    TcpConnection& c = conns_[idx];
    if (c.syn_starts_new_stream(s, dir)) {
      reused = true;
      idx = FlatIndexMap::kNone;
    } else if ((s.flags & (tcp_flag::kSyn | tcp_flag::kAck)) == tcp_flag::kSyn) {
      c.prepare_syn_retransmission(dir);
    }
  }
  if (idx == FlatIndexMap::kNone) {
    idx = static_cast<std::uint32_t>(conns_.size());
    const auto stream = static_cast<std::int64_t>(idx);
    TcpConnection& c = conns_.emplace_back(stream, addrs.src, addrs.dst);
    if (record_all_ || record_one_ == stream) c.record_steps(true);
    c.keep_story(story_);
    if (reused) c.mark_reused_ports();
    current_.put(hash_of_pair(addrs.src, addrs.dst), idx, same_tuple);
    dir = 0;
  }
  last_conn_ = &conns_[idx];
  // The endpoint words in the connection's direction 0 (first source, first destination).
  last_v4_ = plain_v4;
  last_words_[0] = endpoint_word(dir == 0 ? addrs.src : addrs.dst);
  last_words_[1] = endpoint_word(dir == 0 ? addrs.dst : addrs.src);
  last_conn_->on_segment(s, dir, out);
  if (static_cast<std::int64_t>(idx) == follow_stream_) follow_segment(s, out);
}

void TcpTracker::follow_segment(const TcpSegment& s, const TcpAnnotation& out) {
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
  std::size_t n = current_.memory_bytes() + conns_.memory_bytes();
  for (const auto& c : conns_) n += c.memory_bytes() - sizeof(TcpConnection);
  return n;
}

}  // namespace wirelab::decode
