#include "decode/track/icmp_tracker.hpp"

#include "decode/icmp.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "decode/track/udp_tracker.hpp"

namespace wirelab::decode {

namespace {
// One's-complement subtraction: the checksum covers type/code too; taking that word out
// leaves a sum that a request and its reply (same identifier, sequence and data) share.
std::uint16_t ones_sub(std::uint16_t a, std::uint16_t b) {
  std::uint32_t r = std::uint32_t{a} + (~std::uint32_t{b} & 0xffff);
  r = (r & 0xffff) + (r >> 16);
  return static_cast<std::uint16_t>(r);
}
}  // namespace

std::uint64_t IcmpTracker::hash(const Key& k) {
  return hash_of_pair(FlowEndpoint{k.a, k.ident}, FlowEndpoint{k.b, k.seq}) ^ (std::uint64_t{k.rest_sum} << 48);
}

void IcmpTracker::feed(const Packet& p, const Layer& l, PacketAnnotations& out, const TcpTracker& tcp,
                       UdpTracker& udp) {
  const Bytes b = p.bytes_of(l);
  if (b.size() < IcmpView::kMinHeaderLen) return;
  const IcmpView v{b};
  if (icmp_is_error(v.type())) {
    IcmpErrorLink e{.frame = p.number, .type = v.type(), .code = v.code()};
    for (const Layer& q : p.layers) {
      if (q.depth != l.depth + 1 || (q.proto != Proto::Tcp && q.proto != Proto::Udp)) continue;
      if (const auto a = flow_addresses(p, q)) {
        e.quoted = q.proto;
        e.stream = q.proto == Proto::Tcp ? tcp.find(a->src, a->dst) : udp.quoted(p, q);
        (q.proto == Proto::Tcp ? out.icmp_quoted_tcp_stream : out.icmp_quoted_udp_stream) = e.stream;
      }
      break;
    }
    errors_.push_back(e);
    return;
  }
  const bool request = v.type() == icmp_type::kEchoRequest, reply = v.type() == icmp_type::kEchoReply;
  if ((!request && !reply) || !v.has_rest()) return;
  const auto ips = ip_addresses(p, l);
  if (!ips) return;
  Key k{.a = ips->first, .b = ips->second, .ident = v.ident(), .seq = v.seq(),
        .rest_sum = ones_sub(static_cast<std::uint16_t>(~v.checksum()),
                             static_cast<std::uint16_t>((std::uint32_t{v.type()} << 8) | v.code()))};
  if (k.b < k.a) std::swap(k.a, k.b);
  const auto same = [&](std::uint32_t i) { return keys_[i] == k; };
  if (request) {
    const auto idx = static_cast<std::uint32_t>(echoes_.size());
    echoes_.push_back({.request_frame = p.number, .request_ts_ns = p.ts_ns, .requester = ips->first,
                       .responder = ips->second, .ident = k.ident, .seq = k.seq});
    keys_.push_back(k);
    index_.put(hash(k), idx, same);
    return;
  }
  const std::uint32_t idx = index_.find(hash(k), same);
  if (idx == FlatIndexMap::kNone) return;
  IcmpEchoPair& pair = echoes_[idx];
  if (pair.reply_frame == 0) {
    pair.reply_frame = p.number;
    pair.rtt_ns = p.ts_ns - pair.request_ts_ns;
  }
  out.icmp_resp_to = pair.request_frame;
  out.icmp_resptime_ns = p.ts_ns - pair.request_ts_ns;
}

}  // namespace wirelab::decode
