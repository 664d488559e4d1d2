#include "decode/dissector.hpp"

#include <utility>

#include "decode/dispatch.hpp"
#include "decode/ethernet.hpp"
#include "decode/ipv4.hpp"
#include "decode/tcp.hpp"
#include "decode/udp.hpp"

namespace wirelab::decode {

struct Dissector::State {};

namespace {

// Where the walk stands: which protocol decodes next, and the bytes it may use.
struct Cursor {
  Proto next = Proto::Data;
  std::uint8_t source = 0;
  std::uint8_t depth = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

constexpr Cursor kStop{.next = Proto::kCount};

std::uint32_t u32(std::size_t n) { return static_cast<std::uint32_t>(n); }

bool push(Packet& p, const Cursor& c, Proto proto, std::uint32_t length, std::uint32_t header_len) {
  if (p.layers.push(Layer{.proto = proto, .source = c.source, .depth = c.depth, .offset = c.offset,
                          .length = length, .header_len = header_len}))
    return true;
  if (!p.problem)
    p.problem = DecodeError{.layer = proto, .kind = ErrorKind::Invalid, .field = "frame.protocols",
                            .offset = c.offset, .required = u32(LayerList::kCapacity),
                            .available = u32(LayerList::kCapacity)};
  return false;
}

Cursor fail(Packet& p, const DecodeError& e) {
  if (!p.problem) p.problem = e;
  return kStop;
}

Cursor after(const Cursor& c, Proto next, std::uint32_t header_len, std::uint32_t payload_len) {
  return Cursor{.next = next, .source = c.source, .depth = c.depth, .offset = c.offset + header_len,
                .length = payload_len};
}

Cursor step_data(Packet& p, const Cursor& c) {
  if (c.length > 0) push(p, c, Proto::Data, c.length, 0);
  return kStop;
}

Cursor step_eth(Packet& p, const Cursor& c, Bytes b) {
  auto r = ethernet(b, c.offset);
  if (!r) return fail(p, r.error());
  if (!push(p, c, Proto::Eth, c.length, EthernetView::kHeaderLen)) return kStop;
  return after(c, proto_for_ethertype(r->ether_type()), EthernetView::kHeaderLen,
               c.length - EthernetView::kHeaderLen);
}

Cursor step_vlan(Packet& p, const Cursor& c, Bytes b) {
  auto r = vlan(b, c.offset);
  if (!r) return fail(p, r.error());
  if (!push(p, c, Proto::Vlan, c.length, VlanView::kHeaderLen)) return kStop;
  return after(c, proto_for_ethertype(r->ether_type()), VlanView::kHeaderLen, c.length - VlanView::kHeaderLen);
}

Cursor step_ipv4(Packet& p, const Cursor& c, Bytes b) {
  auto r = ipv4(b, c.offset);
  if (!r) return fail(p, r.error());
  const Ipv4View& ip = *r;
  const auto len = u32(ip.bytes.size());
  if (!push(p, c, Proto::Ipv4, len, ip.header_len())) return kStop;
  if (ip.total_len() != 0 && ip.total_len() > b.size() && !p.problem) {
    // The header claims more than the frame holds: cut by the snap length or truncated.
    p.problem = DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Truncated, .field = "ip.len",
                            .offset = c.offset + 2, .required = ip.total_len(), .available = u32(b.size()),
                            .len_source = "ip.len"};
  }
  if (ip.is_fragment() && ip.frag_offset_units() != 0) return after(c, Proto::Data, ip.header_len(), len - ip.header_len());
  if (ip.flag_mf()) return after(c, Proto::Data, ip.header_len(), len - ip.header_len());
  return after(c, proto_for_ip_protocol(ip.protocol()), ip.header_len(), len - ip.header_len());
}

Cursor step_tcp(Packet& p, const Cursor& c, Bytes b) {
  auto r = tcp(b, c.offset);
  if (!r) return fail(p, r.error());
  push(p, c, Proto::Tcp, c.length, r->header_len());
  return kStop;  // TCP payload is shown as the segment's data; no application decoders yet
}

Cursor step_udp(Packet& p, const Cursor& c, Bytes b) {
  auto r = udp(b, c.offset);
  if (!r) return fail(p, r.error());
  const auto len = u32(r->bytes.size());
  if (!push(p, c, Proto::Udp, len, UdpView::kHeaderLen)) return kStop;
  return after(c, Proto::Data, UdpView::kHeaderLen, len - UdpView::kHeaderLen);
}

}  // namespace

Dissector::Dissector() : state_(new State{}) {}
Dissector::~Dissector() { delete state_; }
Dissector::Dissector(Dissector&& o) noexcept : state_(std::exchange(o.state_, nullptr)) {}
Dissector& Dissector::operator=(Dissector&& o) noexcept {
  std::swap(state_, o.state_);
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

  const auto caplen = u32(frame.bytes.size());
  out.layers.push(Layer{.proto = Proto::Frame, .offset = 0, .length = caplen, .header_len = 0});
  if (!is_supported(frame.link_type)) {
    out.problem = DecodeError{.layer = Proto::Frame, .kind = ErrorKind::Invalid, .field = "frame.encap_type",
                              .offset = 0, .required = 0, .available = static_cast<std::uint32_t>(frame.link_type)};
    step_data(out, Cursor{.next = Proto::Data, .offset = 0, .length = caplen});
    return;
  }
  Cursor c{.next = proto_for_link_type(frame.link_type), .offset = 0, .length = caplen};
  while (c.next != Proto::kCount) {
    const Bytes b = out.source(c.source).subspan(c.offset, c.length);
    switch (c.next) {
      case Proto::Eth: c = step_eth(out, c, b); break;
      case Proto::Vlan: c = step_vlan(out, c, b); break;
      case Proto::Ipv4: c = step_ipv4(out, c, b); break;
      case Proto::Tcp: c = step_tcp(out, c, b); break;
      case Proto::Udp: c = step_udp(out, c, b); break;
      default: c = step_data(out, c); break;
    }
  }
}

}  // namespace wirelab::decode
