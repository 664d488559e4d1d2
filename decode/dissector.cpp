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

// The common case, Ethernet / IPv4 (unfragmented, fully captured) / TCP, decoded straight
// into layers: the general walk does the same with a Result and a Cursor per header, which
// costs several times the instructions. Produces exactly the layers the walk would (a test
// compares both over the corpus); returns false, having pushed nothing, for anything else.
bool dissect_eth_ipv4_tcp(Packet& out) {
  const Bytes b = out.data;
  const auto caplen = u32(b.size());
  constexpr std::uint32_t kEth = 14;
  if (caplen < kEth + 20 + 20 || load_be16(b, 12) != 0x0800) return false;
  const std::uint8_t vihl = load_u8(b, kEth);
  const std::uint32_t ihl = (vihl & 0x0fu) * 4u;
  const std::uint32_t total = load_be16(b, kEth + 2);
  const std::uint16_t frag = load_be16(b, kEth + 6);
  if ((vihl >> 4) != 4 || ihl < 20 || total < ihl || total > caplen - kEth || (frag & 0x3fff) != 0 ||
      load_u8(b, kEth + 9) != 6)
    return false;
  const std::uint32_t tcp_off = kEth + ihl;
  const std::uint32_t tcp_len = total - ihl;
  if (tcp_len < 20) return false;
  const std::uint32_t thl = (load_u8(b, tcp_off + 12) >> 4) * 4u;
  if (thl < 20 || thl > tcp_len) return false;
  const std::uint32_t rest = tcp_len - thl;
  Layer* l = out.layers.grow(rest > 0 ? 4 : 3);
  if (!l) return false;
  l[0] = Layer{.proto = Proto::Eth, .aux = layer_aux::kEthertype, .offset = 0, .length = caplen, .header_len = kEth,
               .reported_len = caplen};
  l[1] = Layer{.proto = Proto::Ipv4, .offset = kEth, .length = total, .header_len = ihl, .reported_len = total};
  l[2] = Layer{.proto = Proto::Tcp, .offset = tcp_off, .length = tcp_len, .header_len = thl, .reported_len = tcp_len};
  if (rest > 0)
    l[3] = Layer{.proto = Proto::Data, .offset = tcp_off + thl, .length = rest, .header_len = 0, .reported_len = rest};
  return true;
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
  if (fast_path_ && frame.link_type == LinkType::Ethernet && dissect_eth_ipv4_tcp(out)) return;
  if (!state_) state_ = new State{};  // a moved-from dissector becomes usable again
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
