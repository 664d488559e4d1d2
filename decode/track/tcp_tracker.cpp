#include "decode/track/tcp_tracker.hpp"

#include <algorithm>
#include <bit>

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

// The fields at fixed places in every TCP header, and the frame's own.
inline TcpSegment fixed_fields(const Packet& p, const TcpView& v) {
  return TcpSegment{.frame = p.number, .ts_ns = p.ts_ns, .wire_len = p.wire_len, .seq = v.seq(), .ack = v.ack(),
                    .flags = v.flags(), .window = v.window()};
}

// Inlined where a segment is read (feed_recent(), feed_connection(), feed_general()); the public
// tcp_segment_of() below is the same.
inline TcpSegment read_segment(const Packet& p, const Layer& l) {
  const Bytes b = p.bytes_of(l);
  const TcpView v{b};
  TcpSegment s = fixed_fields(p, v);
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

// read_segment() for a packet whose shape the dissector's fast path vouched for
// (LayerList::eth_ipv4_transport()): the TCP header is whole and in the frame's bytes, its
// claimed length is the layer's, and nothing went wrong but perhaps a payload cut by the snap
// length; so none of the checks are needed.
inline TcpSegment read_whole_segment(const Packet& p, const Layer& l) {
  const Bytes b = p.data.subspan(l.offset, l.length);
  const TcpView v{b};
  TcpSegment s = fixed_fields(p, v);
  if (s.flags & tcp_flag::kSyn) s.window_shift = window_shift_of(b.subspan(20, l.header_len - 20));
  s.payload = b.subspan(l.header_len);
  s.len = l.reported_len - l.header_len;
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
  // Consecutive segments usually belong to one of the last two connections. For IPv4 (nearly
  // every packet) the test compares the headers' address and port words, before any address
  // is built or hashed. A bare SYN (which may start a new stream) and checksum verification
  // (which needs the addresses) take the general way.
  if (!verify_checksums_) {
    if (p.layers.eth_ipv4_transport() && ip) {
      if (feed_recent<true>(p, p.data.subspan(ip->offset, 20), p.data.subspan(l.offset, 20), l, out)) return;
    } else if (plain_ipv4(ip, l) && l.header_len >= TcpView::kMinHeaderLen) {
      if (feed_recent_other(p, p.header_of(*ip), p.bytes_of(l), l, out)) return;
    }
  }
  if (l.header_len < TcpView::kMinHeaderLen) {
    out = TcpAnnotation{};
    return;
  }
  feed_general(p, ip, l, out);
}

template <bool kWhole>
inline bool TcpTracker::feed_recent(const Packet& p, Bytes ip_header, Bytes tcp, const Layer& l, TcpAnnotation& out) {
  if ((load_u8(tcp, 13) & (tcp_flag::kSyn | tcp_flag::kAck)) == tcp_flag::kSyn) return false;
  const HeaderWords words = header_words(ip_header, tcp);
  for (std::size_t k = 0; k < recent_.size(); ++k) {
    const Recent& r = recent_[k];
    const int dir = words == r.words[0] ? 0 : words == r.words[1] ? 1 : -1;
    if (dir < 0 || !r.v4) continue;
    if (k) std::swap(recent_[0], recent_[1]);
    TcpConnection& c = *recent_[0].conn;
    // The segment is read twice on the way to on_segment(), so that the first reading never
    // leaves the registers: on_plain_segment() takes nearly every segment.
    if (c.stream() != follow_stream_) {
      const TcpSegment s = kWhole ? read_whole_segment(p, l) : read_segment(p, l);
      if (c.on_plain_segment(s, dir, out)) return true;
    }
    feed_connection<kWhole>(c, dir, p, l, out);
    return true;
  }
  return false;
}

bool TcpTracker::feed_recent_other(const Packet& p, Bytes ip_header, Bytes tcp, const Layer& l, TcpAnnotation& out) {
  return feed_recent<false>(p, ip_header, tcp, l, out);
}

template <bool kWhole>
void TcpTracker::feed_connection(TcpConnection& c, int dir, const Packet& p, const Layer& l, TcpAnnotation& out) {
  const TcpSegment s = kWhole ? read_whole_segment(p, l) : read_segment(p, l);
  c.on_segment(s, dir, out);
  if (c.stream() == follow_stream_) follow_segment(s, out);
}

namespace {
// The header_words() of an IPv4 segment from `src` to `dst`: each pair's bytes in network
// order, loaded in the host's order.
HeaderWords header_words_between(const FlowEndpoint& src, const FlowEndpoint& dst) {
  const std::uint32_t a = src.ip.v4_host_order(), b = dst.ip.v4_host_order();
  if constexpr (std::endian::native == std::endian::little) {
    return {__builtin_bswap32(a) | std::uint64_t{__builtin_bswap32(b)} << 32,
            __builtin_bswap16(src.port) | std::uint32_t{__builtin_bswap16(dst.port)} << 16};
  } else {
    return {std::uint64_t{a} << 32 | b, std::uint32_t{src.port} << 16 | dst.port};
  }
}
}  // namespace

void TcpTracker::remember(TcpConnection* c, int dir, const FlowAddresses& a) {
  if (recent_[0].conn != c) recent_[1] = recent_[0];
  // Member by member: a whole Recent built on the stack and copied in was read back in wider
  // loads than it was written with, which stalls on every new connection.
  Recent& r = recent_[0];
  r.conn = c;
  r.v4 = a.src.ip.family == 4;
  const HeaderWords words = !r.v4       ? HeaderWords{}
                            : dir == 0 ? header_words_between(a.src, a.dst)
                                       : header_words_between(a.dst, a.src);
  r.words[0] = words;
  r.words[1] = words.reversed();
}

void TcpTracker::feed_general(const Packet& p, const Layer* ip, const Layer& l, TcpAnnotation& out) {
  FlowAddresses addrs;
  if (!read_flow_addresses(p, ip, l, addrs)) {
    out = TcpAnnotation{};
    return;
  }
  TcpSegment s = read_segment(p, l);
  if (verify_checksums_) s.checksum_bad = checksum_bad(p, l, addrs);
  int dir = -1;
  std::uint32_t idx = FlatIndexMap::kNone;
  for (const Recent& r : recent_) {
    if (!r.conn || (dir = r.conn->direction_of(addrs.src, addrs.dst)) < 0) continue;
    idx = static_cast<std::uint32_t>(r.conn->stream());
    break;
  }
  const auto same_tuple = [&](std::uint32_t i) {
    dir = conns_[i].direction_of(addrs.src, addrs.dst);
    return dir >= 0;
  };
  const std::uint64_t hash = hash_of_pair(addrs.src, addrs.dst);  // for the look-up and a new stream alike
  if (idx == FlatIndexMap::kNone) idx = current_.find(hash, same_tuple);
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
    TcpConnection& c = conns_.emplace_back(stream, addrs.src, addrs.dst, story_ ? &stories_.emplace_back() : nullptr);
    if (record_all_ || record_one_ == stream) c.record_steps(true);
    if (reused) c.mark_reused_ports();
    current_.put(hash, idx, same_tuple);
    dir = 0;
  }
  TcpConnection& c = conns_[idx];
  // A new stream on a reused 4-tuple goes in front of the old one, which the next other
  // connection pushes out, so the old stream is never found again.
  remember(&c, dir, addrs);
  c.on_segment(s, dir, out);
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
  std::size_t n = current_.memory_bytes() + conns_.memory_bytes() + stories_.memory_bytes();
  for (const auto& c : conns_) n += c.heap_bytes();
  return n;
}

}  // namespace wirelab::decode
