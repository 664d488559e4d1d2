// icmp.* and icmpv6.* fields. Echo pairing fields (resp_in, resp_to, resptime) come from the
// trackers' annotations.
#include "decode/field_tables.hpp"
#include "decode/icmp.hpp"
#include "decode/ipv4.hpp"

namespace wirelab::decode {
namespace {
using V = IcmpView;
using V6 = Icmpv6View;

bool echo_layer(const FieldContext& c, const Layer& l) {
  const Bytes b = c.packet.bytes_of(l);
  return b.size() >= V::kHeaderLen && icmp_is_echo(V{b}.type());
}

// Byte-swapped identifier/sequence (Windows-style little-endian counters), echo only.
std::uint16_t swap16(std::uint16_t v) { return static_cast<std::uint16_t>((v >> 8) | (v << 8)); }

void register_icmp(FieldRegistry& r) {
  r.add({.name = "icmp", .label = "Internet Control Message Protocol", .proto = Proto::Icmp,
         .type = FieldType::Protocol, .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "icmp.type", .label = "Type", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.type(); }, 0, 1>()});
  r.add({.name = "icmp.code", .label = "Code", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.code(); }, 1, 1>()});
  r.add({.name = "icmp.checksum", .label = "Checksum", .proto = Proto::Icmp, .type = FieldType::Hex,
         .hex_digits = 4, .extract = uint_of<V, [](const V& v) { return v.checksum(); }, 2, 2>()});
  // tshark verifies ICMP checksums when the whole message was captured: 1 good, 0 bad,
  // 2 unverified (message cut short, or inside an ICMP error).
  r.add({.name = "icmp.checksum.status", .label = "Checksum Status", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           std::uint64_t status = 2;
           if (l.depth == 0 && l.reported_len == l.length && !l.partial())
             status = internet_checksum(c.packet.bytes_of(l)) == 0 ? 1 : 0;
           out.add_uint(status, l, 2, 2);
         }});
  r.add({.name = "icmp.ident", .label = "Identifier (BE)", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (echo_layer(c, l)) out.add_uint(V{c.packet.bytes_of(l)}.ident(), l, 4, 2);
         }});
  r.add({.name = "icmp.ident_le", .label = "Identifier (LE)", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (echo_layer(c, l)) out.add_uint(swap16(V{c.packet.bytes_of(l)}.ident()), l, 4, 2);
         }});
  r.add({.name = "icmp.seq", .label = "Sequence Number (BE)", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (echo_layer(c, l)) out.add_uint(V{c.packet.bytes_of(l)}.seq(), l, 6, 2);
         }});
  r.add({.name = "icmp.seq_le", .label = "Sequence Number (LE)", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (echo_layer(c, l)) out.add_uint(swap16(V{c.packet.bytes_of(l)}.seq()), l, 6, 2);
         }});
  r.add({.name = "icmp.mtu", .label = "MTU of next hop", .proto = Proto::Icmp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           const V v{b};
           if (b.size() >= V::kHeaderLen && v.type() == icmp_type::kUnreachable && v.code() == 4)
             out.add_uint(v.seq(), l, 6, 2);
         }});
  r.add({.name = "icmp.redir_gw", .label = "Gateway address", .proto = Proto::Icmp, .type = FieldType::Ipv4,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() >= V::kHeaderLen && V{b}.type() == icmp_type::kRedirect) out.add_uint(load_be32(b, 4), l, 4, 4);
         }});
  r.add({.name = "icmp.resp_in", .label = "Response frame", .proto = Proto::Icmp, .type = FieldType::FrameNum,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.annotations && c.annotations->icmp_resp_in && l.depth == 0)
             out.add_uint(c.annotations->icmp_resp_in, l, 0, 0);
         }});
  r.add({.name = "icmp.resp_to", .label = "Request frame", .proto = Proto::Icmp, .type = FieldType::FrameNum,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.annotations && c.annotations->icmp_resp_to && l.depth == 0)
             out.add_uint(c.annotations->icmp_resp_to, l, 0, 0);
         }});
  r.add({.name = "icmp.resptime", .label = "Response time", .proto = Proto::Icmp, .type = FieldType::Double,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.annotations && c.annotations->icmp_resptime_ns >= 0 && l.depth == 0)
             out.add_double(static_cast<double>(c.annotations->icmp_resptime_ns) / 1e6, l, 0, 0);
         }});
}

void register_icmpv6(FieldRegistry& r) {
  r.add({.name = "icmpv6", .label = "Internet Control Message Protocol v6", .proto = Proto::Icmpv6,
         .type = FieldType::Protocol, .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "icmpv6.type", .label = "Type", .proto = Proto::Icmpv6, .type = FieldType::UInt,
         .extract = uint_of<V6, [](const V6& v) { return v.type(); }, 0, 1>()});
  r.add({.name = "icmpv6.code", .label = "Code", .proto = Proto::Icmpv6, .type = FieldType::UInt,
         .extract = uint_of<V6, [](const V6& v) { return v.code(); }, 1, 1>()});
  r.add({.name = "icmpv6.checksum", .label = "Checksum", .proto = Proto::Icmpv6, .type = FieldType::Hex,
         .hex_digits = 4, .extract = uint_of<V6, [](const V6& v) { return v.checksum(); }, 2, 2>()});
  r.add({.name = "icmpv6.echo.identifier", .label = "Identifier", .proto = Proto::Icmpv6, .type = FieldType::Hex,
         .hex_digits = 4, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() >= 8 && (V6{b}.type() == 128 || V6{b}.type() == 129)) out.add_uint(load_be16(b, 4), l, 4, 2);
         }});
  r.add({.name = "icmpv6.echo.sequence_number", .label = "Sequence", .proto = Proto::Icmpv6,
         .type = FieldType::UInt, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() >= 8 && (V6{b}.type() == 128 || V6{b}.type() == 129)) out.add_uint(load_be16(b, 6), l, 6, 2);
         }});
}

}  // namespace

void register_icmp_fields(FieldRegistry& r) {
  register_icmp(r);
  register_icmpv6(r);
}

}  // namespace wirelab::decode
