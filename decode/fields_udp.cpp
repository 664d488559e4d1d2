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
           const V v{c.packet.bytes_of(l)};
           out.add_uint(v.src_port(), l, 0, 2);
           out.add_uint(v.dst_port(), l, 2, 2);
         }});
  r.add({.name = "udp.length", .label = "Length", .proto = Proto::Udp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.length(); }, 4, 2>()});
  r.add({.name = "udp.checksum", .label = "Checksum", .proto = Proto::Udp, .type = FieldType::Hex, .hex_digits = 4,
         .extract = uint_of<V, [](const V& v) { return v.checksum(); }, 6, 2>()});
  r.add({.name = "udp.stream", .label = "Stream index", .proto = Proto::Udp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.annotations && c.annotations->udp_stream >= 0 && l.depth == 0)
             out.add_uint(static_cast<std::uint64_t>(c.annotations->udp_stream), l, 0, 0);
         }});
}

}  // namespace wirelab::decode
