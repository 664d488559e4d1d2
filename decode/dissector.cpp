#include "decode/dissector.hpp"

#include <utility>

#include "decode/dispatch.hpp"
#include "decode/dissect_steps.hpp"

namespace wirelab::decode {

bool Walk::push(const Cursor& c, Proto proto, std::uint32_t length, std::uint32_t header_len, std::uint16_t aux,
                std::uint32_t reported) {
  if (p.layers.push(Layer{.proto = proto, .source = c.source, .depth = c.depth, .aux = aux, .offset = c.offset,
                          .length = length, .header_len = header_len,
                          .reported_len = reported ? reported : (c.claimed > c.length ? c.claimed : c.length)}))
    return true;
  note(DecodeError{.layer = proto, .kind = ErrorKind::Invalid, .field = "frame.protocols", .offset = c.offset,
                   .required = u32(LayerList::kCapacity), .available = u32(LayerList::kCapacity)});
  return false;
}

Cursor Walk::partial(const Cursor& c, Proto proto, const DecodeError& e) {
  note(e);
  if (e.kind == ErrorKind::Truncated && c.length > 0) push(c, proto, c.length, c.length, layer_aux::kPartial);
  return kStop;
}

Cursor step_data(Walk& w, const Cursor& c) {
  if (c.length > 0) w.push(c, Proto::Data, c.length, 0);
  return kStop;
}

namespace {

constexpr std::uint32_t kEth = 14;
constexpr std::uint8_t kTcp = 6, kUdp = 17;  // IPv4 protocol numbers

// The layers of the fast paths below, in place: `ip_captured` and `l4_captured` are what the
// frame holds of the IP datagram and of the transport segment, `total` what the IP header claims.
inline bool put_fast_layers(Packet& out, std::uint32_t ihl, std::uint32_t total, std::uint32_t ip_captured, Proto l4,
                            std::uint32_t l4_header) {
  const auto caplen = u32(out.data.size());
  const std::uint32_t l4_off = kEth + ihl;
  const std::uint32_t l4_captured = ip_captured - ihl;
  const std::uint32_t rest = l4_captured - l4_header;  // payload bytes captured
  Layer* l = out.layers.grow(rest > 0 ? 4 : 3);
  if (!l) return false;
  l[0] = Layer{.proto = Proto::Eth, .aux = layer_aux::kEthertype, .offset = 0, .length = caplen, .header_len = kEth,
               .reported_len = caplen};
  l[1] = Layer{.proto = Proto::Ipv4, .offset = kEth, .length = ip_captured, .header_len = ihl, .reported_len = total};
  l[2] = Layer{.proto = l4, .offset = l4_off, .length = l4_captured, .header_len = l4_header,
               .reported_len = total - ihl};
  if (rest > 0)
    l[3] = Layer{.proto = Proto::Data, .offset = l4_off + l4_header, .length = rest, .header_len = 0,
                 .reported_len = rest};
  out.layers.mark_eth_ipv4_transport();
  return true;
}

// dissect_eth_ipv4_fast() for a TCP segment (the caller checked the protocol) cut by the snap
// length after its headers (most of a capture made with tcpdump -s 96, say): the layers keep
// the lengths the headers claim, and the problem is the walk's, a truncated IPv4 datagram. Out
// of line: the whole datagrams of the common captures do not pay for it.
[[gnu::noinline]] bool dissect_eth_ipv4_tcp_cut(Packet& out, std::uint32_t ihl, std::uint32_t total) {
  const Bytes b = out.data;
  const auto ip_captured = u32(b.size()) - kEth;
  if (ip_captured < ihl + 20) return false;
  const std::uint32_t l4_header = (load_u8(b, kEth + ihl + 12) >> 4) * 4u;
  if (l4_header < 20 || l4_header > ip_captured - ihl) return false;
  if (!put_fast_layers(out, ihl, total, ip_captured, Proto::Tcp, l4_header)) return false;
  out.problem = DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Truncated, .field = "ip.len", .offset = kEth + 2,
                            .required = total, .available = ip_captured, .len_source = "ip.len"};
  return true;
}

// The common cases, Ethernet / IPv4 (unfragmented) / TCP or UDP, decoded straight into
// layers: the general walk does the same with a Result and a Cursor per header, which costs
// several times the instructions. Produces exactly the layers and the problem the walk would
// (a test compares both over the corpus); returns false, having pushed nothing, for anything
// else. The datagram is captured whole, or is a TCP segment cut after its headers
// (dissect_eth_ipv4_tcp_cut()). UDP takes this path only when TFTP cannot be involved (no
// port 69, no transfer remembered) and its length agrees with the IP header's.
bool dissect_eth_ipv4_fast(Packet& out, bool tftp_transfers_known) {
  const Bytes b = out.data;
  const auto caplen = u32(b.size());
  constexpr std::uint16_t kTftpPort = 69;
  if (caplen < kEth + 20 + 8 || load_be16(b, 12) != 0x0800) return false;
  const std::uint8_t vihl = load_u8(b, kEth);
  const std::uint32_t ihl = (vihl & 0x0fu) * 4u;
  const std::uint32_t total = load_be16(b, kEth + 2);
  const std::uint16_t frag = load_be16(b, kEth + 6);
  const std::uint8_t protocol = load_u8(b, kEth + 9);
  if ((vihl >> 4) != 4 || ihl < 20 || total < ihl || (frag & 0x3fff) != 0) return false;
  if (total > caplen - kEth) return protocol == kTcp && dissect_eth_ipv4_tcp_cut(out, ihl, total);
  const std::uint32_t l4_off = kEth + ihl;
  const std::uint32_t l4_len = total - ihl;
  std::uint32_t l4_header = 0;
  Proto l4 = Proto::Tcp;
  if (protocol == kTcp) {
    if (l4_len < 20) return false;
    l4_header = (load_u8(b, l4_off + 12) >> 4) * 4u;
    if (l4_header < 20 || l4_header > l4_len) return false;
  } else if (protocol == kUdp) {
    if (l4_len < 8 || tftp_transfers_known || load_be16(b, l4_off + 4) != l4_len ||
        load_be16(b, l4_off) == kTftpPort || load_be16(b, l4_off + 2) == kTftpPort)
      return false;
    l4 = Proto::Udp;
    l4_header = 8;
  } else {
    return false;
  }
  return put_fast_layers(out, ihl, total, total, l4, l4_header);
}

}  // namespace

Dissector::Dissector() : state_(new State{}) {}
Dissector::~Dissector() { delete state_; }
Dissector::Dissector(Dissector&& o) noexcept : state_(std::exchange(o.state_, nullptr)), fast_path_(o.fast_path_) {}
Dissector& Dissector::operator=(Dissector&& o) noexcept {
  std::swap(state_, o.state_);
  std::swap(fast_path_, o.fast_path_);
  return *this;
}

void Dissector::dissect(const RawFrame& frame, std::uint64_t number, Packet& out) {
  out.number = number;
  out.ts_ns = frame.ts_ns;
  out.link_type = frame.link_type;
  out.wire_len = frame.wire_len;
  out.interface_id = frame.interface_id;
  out.data = frame.bytes;
  out.reassembled.clear();
  out.layers.clear();
  out.problem.reset();
  out.tftp.known = false;  // the rest of the context is overwritten when it is set

  const auto caplen = u32(frame.bytes.size());
  out.layers.push(Layer{.proto = Proto::Frame, .offset = 0, .length = caplen, .header_len = 0});
  if (!state_) state_ = new State{};  // a moved-from dissector becomes usable again
  if (fast_path_ && frame.link_type == LinkType::Ethernet && dissect_eth_ipv4_fast(out, !state_->tftp.empty())) return;
  Walk w{.p = out, .state = *state_};
  Cursor c{.next = proto_for_link_type(frame.link_type), .offset = 0, .length = caplen, .claimed = caplen};
  if (!is_supported(frame.link_type)) {
    w.note(DecodeError{.layer = Proto::Frame, .kind = ErrorKind::Invalid, .field = "frame.encap_type",
                       .offset = 0, .required = 0, .available = static_cast<std::uint32_t>(frame.link_type)});
    c.next = Proto::Data;
  }
  while (c.next != Proto::kCount) {
    switch (c.next) {
      case Proto::Eth: c = step_eth(w, c); break;
      case Proto::Vlan:
      case Proto::Ieee8021ad: c = step_vlan(w, c); break;
      case Proto::Sll: c = step_sll(w, c); break;
      case Proto::Sll2: c = step_sll2(w, c); break;
      case Proto::Null: c = step_null(w, c, frame.link_type == LinkType::Loop); break;
      case Proto::Raw: c = step_raw(w, c); break;
      case Proto::Arp: c = step_arp(w, c); break;
      case Proto::Ipv4: c = step_ipv4(w, c); break;
      case Proto::Ipv6: c = step_ipv6(w, c); break;
      case Proto::Ipv6HopOpts:
      case Proto::Ipv6Routing:
      case Proto::Ipv6Fragment:
      case Proto::Ipv6DstOpts: c = step_ipv6_ext(w, c); break;
      case Proto::Icmp: c = step_icmp(w, c); break;
      case Proto::Icmpv6: c = step_icmpv6(w, c); break;
      case Proto::Tcp: c = step_tcp(w, c); break;
      case Proto::Udp: c = step_udp(w, c); break;
      case Proto::Tftp: c = step_tftp(w, c); break;
      default: c = step_data(w, c); break;
    }
  }
}

}  // namespace wirelab::decode
