// ip.* fields (IPv4).
#include "decode/field_tables.hpp"
#include "decode/ipv4.hpp"

namespace wirelab::decode {

namespace {
using V = Ipv4View;
}

void register_ipv4_fields(FieldRegistry& r) {
  r.add({.name = "ip", .label = "Internet Protocol Version 4", .proto = Proto::Ipv4, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "ip.version", .label = "Version", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.version(); }, 0, 1>()});
  r.add({.name = "ip.hdr_len", .label = "Header Length", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.header_len(); }, 0, 1>()});
  r.add({.name = "ip.dsfield", .label = "Differentiated Services Field", .proto = Proto::Ipv4,
         .type = FieldType::Hex, .hex_digits = 2,
         .extract = uint_of<V, [](const V& v) { return v.dsfield(); }, 1, 1>()});
  r.add({.name = "ip.len", .label = "Total Length", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.total_len(); }, 2, 2>()});
  r.add({.name = "ip.id", .label = "Identification", .proto = Proto::Ipv4, .type = FieldType::Hex, .hex_digits = 4,
         .extract = uint_of<V, [](const V& v) { return v.id(); }, 4, 2>()});
  r.add({.name = "ip.flags", .label = "Flags", .proto = Proto::Ipv4, .type = FieldType::Hex, .hex_digits = 2,
         .extract = uint_of<V, [](const V& v) { return v.flags(); }, 6, 1>()});
  r.add({.name = "ip.flags.rb", .label = "Reserved bit", .proto = Proto::Ipv4, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.flag_rb(); }, 6, 1>()});
  r.add({.name = "ip.flags.df", .label = "Don't fragment", .proto = Proto::Ipv4, .type = FieldType::Bool,
         .tree_depth = 2, .extract = uint_of<V, [](const V& v) { return v.flag_df(); }, 6, 1>()});
  r.add({.name = "ip.flags.mf", .label = "More fragments", .proto = Proto::Ipv4, .type = FieldType::Bool,
         .tree_depth = 2, .extract = uint_of<V, [](const V& v) { return v.flag_mf(); }, 6, 1>()});
  r.add({.name = "ip.frag_offset", .label = "Fragment Offset", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.frag_offset_bytes(); }, 6, 2>()});
  r.add({.name = "ip.ttl", .label = "Time to Live", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.ttl(); }, 8, 1>()});
  r.add({.name = "ip.proto", .label = "Protocol", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.protocol(); }, 9, 1>()});
  r.add({.name = "ip.checksum", .label = "Header Checksum", .proto = Proto::Ipv4, .type = FieldType::Hex,
         .hex_digits = 4, .extract = uint_of<V, [](const V& v) { return v.checksum(); }, 10, 2>()});
  r.add({.name = "ip.src", .label = "Source Address", .proto = Proto::Ipv4, .type = FieldType::Ipv4,
         .extract = uint_of<V, [](const V& v) { return v.src(); }, 12, 4>()});
  r.add({.name = "ip.dst", .label = "Destination Address", .proto = Proto::Ipv4, .type = FieldType::Ipv4,
         .extract = uint_of<V, [](const V& v) { return v.dst(); }, 16, 4>()});
  r.add({.name = "ip.addr", .label = "Source or Destination Address", .proto = Proto::Ipv4, .type = FieldType::Ipv4,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           out.add_uint(v.src(), l, 12, 4);
           out.add_uint(v.dst(), l, 16, 4);
         }});
}

}  // namespace wirelab::decode
