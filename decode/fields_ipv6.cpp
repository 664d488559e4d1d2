// ipv6.* fields: the base header and the extension headers wirelab walks.
#include "decode/field_tables.hpp"
#include "decode/ipv6.hpp"

namespace wirelab::decode {
namespace {
using V = Ipv6View;
using E = Ipv6ExtView;

void register_ext(FieldRegistry& r, Proto p, std::string_view proto_name, std::string_view label,
                  std::string_view nxt, std::string_view len) {
  r.add({.name = proto_name, .label = label, .proto = p, .type = FieldType::Protocol, .tree_depth = 0,
         .extract = extract_protocol});
  r.add({.name = nxt, .label = "Next Header", .proto = p, .type = FieldType::UInt,
         .extract = uint_of<E, [](const E& e) { return e.next_header(); }, 0, 1>()});
  if (!len.empty())
    r.add({.name = len, .label = "Length", .proto = p, .type = FieldType::UInt,
           .extract = uint_of<E, [](const E& e) { return e.length_field(); }, 1, 1>()});
}

}  // namespace

void register_ipv6_fields(FieldRegistry& r) {
  r.add({.name = "ipv6", .label = "Internet Protocol Version 6", .proto = Proto::Ipv6, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "ipv6.version", .label = "Version", .proto = Proto::Ipv6, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.version(); }, 0, 1>()});
  r.add({.name = "ipv6.tclass", .label = "Traffic Class", .proto = Proto::Ipv6, .type = FieldType::Hex,
         .hex_digits = 2, .extract = uint_of<V, [](const V& v) { return v.traffic_class(); }, 0, 2>()});
  r.add({.name = "ipv6.flow", .label = "Flow Label", .proto = Proto::Ipv6, .type = FieldType::Hex, .hex_digits = 5,
         .extract = uint_of<V, [](const V& v) { return v.flow_label(); }, 1, 3>()});
  r.add({.name = "ipv6.plen", .label = "Payload Length", .proto = Proto::Ipv6, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.payload_len(); }, 4, 2>()});
  r.add({.name = "ipv6.nxt", .label = "Next Header", .proto = Proto::Ipv6, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.next_header(); }, 6, 1>()});
  r.add({.name = "ipv6.hlim", .label = "Hop Limit", .proto = Proto::Ipv6, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.hop_limit(); }, 7, 1>()});
  r.add({.name = "ipv6.src", .label = "Source Address", .proto = Proto::Ipv6, .type = FieldType::Ipv6,
         .extract = bytes_at<8, 16>()});
  r.add({.name = "ipv6.dst", .label = "Destination Address", .proto = Proto::Ipv6, .type = FieldType::Ipv6,
         .extract = bytes_at<24, 16>()});
  r.add({.name = "ipv6.addr", .label = "Source or Destination Address", .proto = Proto::Ipv6,
         .type = FieldType::Ipv6, .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           bytes_at<8, 16>()(c, l, out);
           bytes_at<24, 16>()(c, l, out);
         }});

  register_ext(r, Proto::Ipv6HopOpts, "ipv6.hopopts", "IPv6 Hop-by-Hop Option", "ipv6.hopopts.nxt",
               "ipv6.hopopts.len");
  register_ext(r, Proto::Ipv6Routing, "ipv6.routing", "Routing Header for IPv6", "ipv6.routing.nxt",
               "ipv6.routing.len");
  r.add({.name = "ipv6.routing.type", .label = "Type", .proto = Proto::Ipv6Routing, .type = FieldType::UInt,
         .extract = uint_of<E, [](const E& e) { return e.routing_type(); }, 2, 1>()});
  r.add({.name = "ipv6.routing.segleft", .label = "Segments Left", .proto = Proto::Ipv6Routing,
         .type = FieldType::UInt, .extract = uint_of<E, [](const E& e) { return e.segments_left(); }, 3, 1>()});
  register_ext(r, Proto::Ipv6Fragment, "ipv6.fraghdr", "Fragment Header for IPv6", "ipv6.fraghdr.nxt", "");
  r.add({.name = "ipv6.fraghdr.offset", .label = "Offset", .proto = Proto::Ipv6Fragment, .type = FieldType::UInt,
         .extract = uint_of<E, [](const E& e) { return e.frag_offset_units(); }, 2, 2>()});
  r.add({.name = "ipv6.fraghdr.more", .label = "More Fragments", .proto = Proto::Ipv6Fragment,
         .type = FieldType::Bool, .extract = uint_of<E, [](const E& e) { return e.more_fragments(); }, 2, 2>()});
  r.add({.name = "ipv6.fraghdr.ident", .label = "Identification", .proto = Proto::Ipv6Fragment,
         .type = FieldType::Hex, .hex_digits = 8, .extract = uint_of<E, [](const E& e) { return e.ident(); }, 4, 4>()});
  register_ext(r, Proto::Ipv6DstOpts, "ipv6.dstopts", "Destination Options for IPv6", "ipv6.dstopts.nxt",
               "ipv6.dstopts.len");
}

}  // namespace wirelab::decode
