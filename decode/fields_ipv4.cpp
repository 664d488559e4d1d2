// ip.* fields (IPv4).
#include "decode/field_tables.hpp"
#include "decode/ipv4.hpp"

namespace wirelab::decode {

namespace {
using V = Ipv4View;

// Calls `f(option)` for every option of the layer's header.
template <class F>
void for_each_option(const FieldContext& c, const Layer& l, F f) {
  const V v{c.packet.bytes_of(l)};
  if (l.partial() || v.header_len() <= V::kMinHeaderLen) return;
  Ipv4OptionIterator it(v.options());
  Ipv4Option o;
  while (it.next(o)) f(o);
}

template <auto Get>
FieldExtractor option_uint() {
  return [](const FieldContext& c, const Layer& l, FieldValues& out) {
    for_each_option(c, l, [&](const Ipv4Option& o) { Get(o, l, out); });
  };
}

bool is_route(std::uint8_t t) {
  return t == ipv4_option::kRecordRoute || t == ipv4_option::kLooseRoute || t == ipv4_option::kStrictRoute;
}

void add_destination(const FieldContext& c, const Layer& l, FieldValues& out) {
  if (c.packet.bytes_of(l).size() < 20) return;
  const Ipv4Destination d = ipv4_destination(c, l);
  out.add_uint(d.address, l, d.offset, 4);
}

void register_option_fields(FieldRegistry& r) {
  r.add({.name = "ip.opt.type", .label = "Type", .proto = Proto::Ipv4, .type = FieldType::UInt, .tree_depth = 2,
         .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           out.add_uint(o.type, l, o.offset, 1);
         })>()});
  r.add({.name = "ip.opt.type.copy", .label = "Copy on fragmentation", .proto = Proto::Ipv4, .type = FieldType::Bool,
         .tree_depth = 3, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           out.add_uint(o.type >> 7, l, o.offset, 1);
         })>()});
  r.add({.name = "ip.opt.type.class", .label = "Class", .proto = Proto::Ipv4, .type = FieldType::UInt, .tree_depth = 3,
         .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           out.add_uint((o.type >> 5) & 3u, l, o.offset, 1);
         })>()});
  r.add({.name = "ip.opt.type.number", .label = "Number", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .tree_depth = 3, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           out.add_uint(o.type & 0x1fu, l, o.offset, 1);
         })>()});
  r.add({.name = "ip.opt.len", .label = "Length", .proto = Proto::Ipv4, .type = FieldType::UInt, .tree_depth = 2,
         .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if (ipv4_option::kNop < o.type && !o.malformed) out.add_uint(o.length, l, o.offset + 1, 1);
         })>()});
  r.add({.name = "ip.opt.ptr", .label = "Pointer", .proto = Proto::Ipv4, .type = FieldType::UInt, .tree_depth = 2,
         .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if ((is_route(o.type) || o.type == ipv4_option::kTimestamp) && !o.data.empty())
             out.add_uint(load_u8(o.data, 0), l, o.offset + 2, 1);
         })>()});
  r.add({.name = "ip.opt.overflow", .label = "Overflow", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .tree_depth = 2, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if (o.type == ipv4_option::kTimestamp && o.data.size() >= 2)
             out.add_uint(load_u8(o.data, 1) >> 4, l, o.offset + 3, 1);
         })>()});
  r.add({.name = "ip.opt.flag", .label = "Flag", .proto = Proto::Ipv4, .type = FieldType::Hex, .hex_digits = 2,
         .tree_depth = 2, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if (o.type == ipv4_option::kTimestamp && o.data.size() >= 2)
             out.add_uint(load_u8(o.data, 1) & 0x0fu, l, o.offset + 3, 1);
         })>()});
  // Time Stamp entries: 4-byte stamps (flag 0) or address + stamp pairs (flags 1 and 3).
  r.add({.name = "ip.opt.time_stamp", .label = "Time stamp", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .tree_depth = 2, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if (o.type != ipv4_option::kTimestamp || o.data.size() < 2) return;
           const bool pairs = (load_u8(o.data, 1) & 0x0fu) != 0;
           const std::size_t step = pairs ? 8 : 4;
           for (std::size_t i = 2; i + step <= o.data.size(); i += step)
             out.add_uint(load_be32(o.data, i + step - 4), l, o.offset + 2 + static_cast<std::uint32_t>(i + step - 4), 4);
         })>()});
  r.add({.name = "ip.opt.time_stamp_addr", .label = "Address", .proto = Proto::Ipv4, .type = FieldType::Ipv4,
         .tree_depth = 2, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if (o.type != ipv4_option::kTimestamp || o.data.size() < 2 || (load_u8(o.data, 1) & 0x0fu) == 0) return;
           for (std::size_t i = 2; i + 8 <= o.data.size(); i += 8)
             out.add_uint(load_be32(o.data, i), l, o.offset + 2 + static_cast<std::uint32_t>(i), 4);
         })>()});
  r.add({.name = "ip.opt.sid", .label = "Stream Identifier", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .tree_depth = 2, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if (o.type == 136 && o.data.size() >= 2) out.add_uint(load_be16(o.data, 0), l, o.offset + 2, 2);
         })>()});
  r.add({.name = "ip.opt.ra", .label = "Router Alert", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .tree_depth = 2, .extract = option_uint<([](const Ipv4Option& o, const Layer& l, FieldValues& out) {
           if (o.type == ipv4_option::kRouterAlert && o.data.size() >= 2)
             out.add_uint(load_be16(o.data, 0), l, o.offset + 2, 2);
         })>()});
}

}  // namespace

// The destination tshark shows: with a loose or strict source route option, the last address
// of the route (the final destination); otherwise the header's destination address.
Ipv4Destination ipv4_destination(const FieldContext& c, const Layer& l) {
  const Bytes b = c.packet.bytes_of(l);
  Ipv4Destination d{.address = V{b}.dst(), .offset = 16};
  for_each_option(c, l, [&](const Ipv4Option& o) {
    if ((o.type == ipv4_option::kLooseRoute || o.type == ipv4_option::kStrictRoute) && !o.malformed &&
        o.data.size() >= 5) {
      const std::size_t last = 1 + ((o.data.size() - 1) / 4 - 1) * 4;
      d.address = load_be32(o.data, last);
      d.offset = o.offset + 2 + static_cast<std::uint32_t>(last);
    }
  });
  return d;
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
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() >= 4) out.add_uint(ipv4_total_len_shown(b, l), l, 2, 2);
         }});
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
  // tshark 4.0 prints the raw 13-bit value (units of 8 bytes).
  r.add({.name = "ip.frag_offset", .label = "Fragment Offset", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.frag_offset_units(); }, 6, 2>()});
  r.add({.name = "ip.ttl", .label = "Time to Live", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.ttl(); }, 8, 1>()});
  r.add({.name = "ip.proto", .label = "Protocol", .proto = Proto::Ipv4, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.protocol(); }, 9, 1>()});
  r.add({.name = "ip.checksum", .label = "Header Checksum", .proto = Proto::Ipv4, .type = FieldType::Hex,
         .hex_digits = 4, .extract = uint_of<V, [](const V& v) { return v.checksum(); }, 10, 2>()});
  // tshark does not verify IPv4 header checksums by default: status 2 ("unverified").
  r.add({.name = "ip.checksum.status", .label = "Header checksum status", .proto = Proto::Ipv4,
         .type = FieldType::UInt, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.packet.bytes_of(l).size() >= 12) out.add_uint(2, l, 10, 2);
         }});
  r.add({.name = "ip.src", .label = "Source Address", .proto = Proto::Ipv4, .type = FieldType::Ipv4,
         .extract = uint_of<V, [](const V& v) { return v.src(); }, 12, 4>()});
  r.add({.name = "ip.dst", .label = "Destination Address", .proto = Proto::Ipv4, .type = FieldType::Ipv4,
         .extract = add_destination});
  r.add({.name = "ip.addr", .label = "Source or Destination Address", .proto = Proto::Ipv4, .type = FieldType::Ipv4,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() >= 16) out.add_uint(V{b}.src(), l, 12, 4);
           add_destination(c, l, out);
         }});
  register_option_fields(r);
}

}  // namespace wirelab::decode
