// udp.* fields.
#include "decode/field_tables.hpp"
#include "decode/udp.hpp"

namespace wirelab::decode {

namespace {
using V = UdpView;
}

void register_udp_fields(FieldRegistry& r) {
  r.add({.name = "udp", .label = "User Datagram Protocol", .proto = Proto::Udp, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "udp.srcport", .label = "Source Port", .proto = Proto::Udp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.src_port(); }, 0, 2>()});
  r.add({.name = "udp.dstport", .label = "Destination Port", .proto = Proto::Udp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.dst_port(); }, 2, 2>()});
  r.add({.name = "udp.port", .label = "Source or Destination Port", .proto = Proto::Udp, .type = FieldType::UInt,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() >= 2) out.add_uint(V{b}.src_port(), l, 0, 2);
           if (b.size() >= 4) out.add_uint(V{b}.dst_port(), l, 2, 2);
         }});
  r.add({.name = "udp.length", .label = "Length", .proto = Proto::Udp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.length(); }, 4, 2>()});
  r.add({.name = "udp.checksum", .label = "Checksum", .proto = Proto::Udp, .type = FieldType::Hex, .hex_digits = 4,
         .extract = uint_of<V, [](const V& v) { return v.checksum(); }, 6, 2>()});
  // tshark does not verify UDP checksums by default.
  r.add({.name = "udp.checksum.status", .label = "Checksum Status", .proto = Proto::Udp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.packet.bytes_of(l).size() >= 8) out.add_uint(2, l, 6, 2);
         }});
  r.add({.name = "udp.stream", .label = "Stream index", .proto = Proto::Udp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           // tshark numbers the datagram an ICMP error quotes too (its conversation's stream).
           if (!c.annotations) return;
           const std::int64_t s = l.depth == 0 ? c.annotations->udp_stream : c.annotations->icmp_quoted_udp_stream;
           if (s >= 0 && l.depth <= 1) out.add_uint(static_cast<std::uint64_t>(s), l, 0, 0);
         }});
}

}  // namespace wirelab::decode
