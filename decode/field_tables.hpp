// Internal: each protocol's file registers its fields here, in detail-tree order.
#pragma once
#include "decode/fields.hpp"

namespace wirelab::decode {

void register_frame_fields(FieldRegistry& r);
void register_eth_fields(FieldRegistry& r);
void register_ipv4_fields(FieldRegistry& r);
void register_tcp_fields(FieldRegistry& r);
void register_tcp_analysis_fields(FieldRegistry& r);
void register_tracked_fields(FieldRegistry& r);
void register_udp_fields(FieldRegistry& r);
void register_link_fields(FieldRegistry& r);
void register_arp_fields(FieldRegistry& r);
void register_ipv6_fields(FieldRegistry& r);
void register_icmp_fields(FieldRegistry& r);
void register_tftp_fields(FieldRegistry& r);
void register_data_fields(FieldRegistry& r);

// The IPv4 destination tshark shows (ip.dst): the last hop of a loose or strict source route
// option, else the header's; `offset` is where it sits in the layer. The layer holds >= 20 bytes.
struct Ipv4Destination {
  std::uint32_t address = 0;
  std::uint32_t offset = 0;
};
Ipv4Destination ipv4_destination(const FieldContext& c, const Layer& l);

// ip.len as tshark shows it: a total length of 0 (TCP segmentation offload, BIG TCP: the NIC
// or the stack fills it in later) stands for the length the layer really has. The layer holds
// >= 4 bytes.
inline std::uint32_t ipv4_total_len_shown(Bytes b, const Layer& l) {
  const std::uint32_t field = load_be16(b, 2);
  return field == 0 ? l.reported_len : field;
}

// Helpers for extractors: the value's position relative to the layer start.
inline FieldValue value_at(const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
  FieldValue v;
  v.source = l.source;
  v.offset = l.offset + rel_off;
  v.length = len;
  return v;
}

// An extractor for one integer read from a fixed place of a view: keeps the tables short.
//   r.add({.name = "udp.srcport", ..., .extract = uint_of<UdpView, [](const UdpView& v) { return v.src_port(); }, 0, 2>()});
// A field that lies past the end of its layer (a header cut short inside an ICMP error's
// quoted datagram) is absent, as in tshark.
template <class View, auto Get, std::uint32_t Off, std::uint32_t Len>
FieldExtractor uint_of() {
  return [](const FieldContext& c, const Layer& l, FieldValues& out) {
    const Bytes b = c.packet.bytes_of(l);
    if (Off + Len > b.size()) return;
    out.add_uint(static_cast<std::uint64_t>(Get(View{b})), l, Off, Len);
  };
}

// The bytes [Off, Off+Len) of the layer as one value (FT_BYTES / FT_ETHER / FT_IPv6), if present.
template <std::uint32_t Off, std::uint32_t Len>
FieldExtractor bytes_at() {
  return [](const FieldContext& c, const Layer& l, FieldValues& out) {
    const Bytes b = c.packet.bytes_of(l);
    if (Off + Len > b.size()) return;
    out.add_bytes(b.subspan(Off, Len), l, Off);
  };
}

// The protocol entry itself (e.g. "tcp"): present once per layer, covering its header.
inline void extract_protocol(const FieldContext&, const Layer& l, FieldValues& out) {
  out.add(value_at(l, 0, l.header_len));
}

}  // namespace wirelab::decode
