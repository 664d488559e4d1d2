// tcp.* fields. Conversation fields (tcp.stream, relative seq/ack, analysis) come from the
// trackers' annotations and are absent when a packet is decoded without them.
#include "decode/field_tables.hpp"
#include "decode/tcp.hpp"
#include "decode/tcp_options.hpp"

namespace wirelab::decode {

namespace {
using V = TcpView;

const TcpAnnotation* tcp_note(const FieldContext& c, const Layer& l) {
  if (!c.annotations || c.annotations->tcp.stream < 0 || l.depth != 0) return nullptr;
  return &c.annotations->tcp;
}
bool partial(const Layer& l) { return l.partial(); }

// Calls `f(option)` for each option of a complete TCP header.
template <class F>
void for_each_option(const FieldContext& c, const Layer& l, F f) {
  if (partial(l) || l.header_len <= V::kMinHeaderLen) return;
  TcpOptionIterator it(V{c.packet.bytes_of(l)}.options());
  TcpOption o;
  while (it.next(o)) f(o);
}

template <auto Get>
FieldExtractor option_field() {
  return [](const FieldContext& c, const Layer& l, FieldValues& out) {
    for_each_option(c, l, [&](const TcpOption& o) { Get(o, l, out); });
  };
}

void register_option_fields(FieldRegistry& r) {
  r.add({.name = "tcp.options", .label = "Options", .proto = Proto::Tcp, .type = FieldType::Bytes,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (!partial(l) && l.header_len > V::kMinHeaderLen)
             out.add_bytes(V{c.packet.bytes_of(l)}.options(), l, V::kMinHeaderLen);
         }});
  r.add({.name = "tcp.option_kind", .label = "Kind", .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3,
         .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           out.add_uint(o.kind, l, o.offset, 1);
         })>()});
  r.add({.name = "tcp.option_len", .label = "Length", .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3,
         .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (tcp_option::kNop < o.kind && o.length != 0) out.add_uint(o.length, l, o.offset + 1, 1);
         })>()});
  r.add({.name = "tcp.options.mss_val", .label = "MSS Value", .proto = Proto::Tcp, .type = FieldType::UInt,
         .tree_depth = 3, .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind == tcp_option::kMss && o.valid()) out.add_uint(o.mss(), l, o.offset + 2, 2);
         })>()});
  r.add({.name = "tcp.options.wscale.shift", .label = "Shift count", .proto = Proto::Tcp, .type = FieldType::UInt,
         .tree_depth = 3, .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind == tcp_option::kWindowScale && o.valid()) out.add_uint(o.wscale_shift(), l, o.offset + 2, 1);
         })>()});
  // RFC 7323 §2.3: shifts above 14 are treated as 14.
  r.add({.name = "tcp.options.wscale.multiplier", .label = "Multiplier", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3,
         .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind == tcp_option::kWindowScale && o.valid())
             out.add_uint(1u << (14 < o.wscale_shift() ? 14 : o.wscale_shift()), l, o.offset + 2, 1);
         })>()});
  r.add({.name = "tcp.options.sack_perm", .label = "TCP SACK Permitted Option", .proto = Proto::Tcp,
         .type = FieldType::Bytes, .tree_depth = 2,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes h = c.packet.bytes_of(l);
           for_each_option(c, l, [&](const TcpOption& o) {
             if (o.kind == tcp_option::kSackPermitted && o.valid()) out.add_bytes(h.subspan(o.offset, 2), l, o.offset);
           });
         }});
  r.add({.name = "tcp.options.sack_le", .label = "left edge", .proto = Proto::Tcp, .type = FieldType::UInt,
         .tree_depth = 3, .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind != tcp_option::kSack || !o.valid()) return;
           for (std::size_t i = 0; i < o.sack_blocks(); ++i)
             out.add_uint(o.sack_le(i), l, o.offset + 2 + static_cast<std::uint32_t>(i * 8), 4);
         })>()});
  r.add({.name = "tcp.options.sack_re", .label = "right edge", .proto = Proto::Tcp, .type = FieldType::UInt,
         .tree_depth = 3, .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind != tcp_option::kSack || !o.valid()) return;
           for (std::size_t i = 0; i < o.sack_blocks(); ++i)
             out.add_uint(o.sack_re(i), l, o.offset + 6 + static_cast<std::uint32_t>(i * 8), 4);
         })>()});
  r.add({.name = "tcp.options.sack.count", .label = "TCP SACK Count", .proto = Proto::Tcp, .type = FieldType::UInt,
         .tree_depth = 3, .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind == tcp_option::kSack && o.valid()) out.add_uint(o.sack_blocks(), l, o.offset, o.length);
         })>()});
  r.add({.name = "tcp.options.timestamp.tsval", .label = "Timestamp value", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3,
         .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind == tcp_option::kTimestamps && o.valid()) out.add_uint(o.tsval(), l, o.offset + 2, 4);
         })>()});
  r.add({.name = "tcp.options.timestamp.tsecr", .label = "Timestamp echo reply", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3,
         .extract = option_field<([](const TcpOption& o, const Layer& l, FieldValues& out) {
           if (o.kind == tcp_option::kTimestamps && o.valid()) out.add_uint(o.tsecr(), l, o.offset + 6, 4);
         })>()});
}

}  // namespace

void register_tcp_fields(FieldRegistry& r) {
  r.add({.name = "tcp", .label = "Transmission Control Protocol", .proto = Proto::Tcp, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "tcp.srcport", .label = "Source Port", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.src_port(); }, 0, 2>()});
  r.add({.name = "tcp.dstport", .label = "Destination Port", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.dst_port(); }, 2, 2>()});
  r.add({.name = "tcp.port", .label = "Source or Destination Port", .proto = Proto::Tcp, .type = FieldType::UInt,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() >= 2) out.add_uint(V{b}.src_port(), l, 0, 2);
           if (b.size() >= 4) out.add_uint(V{b}.dst_port(), l, 2, 2);
         }});
  r.add({.name = "tcp.stream", .label = "Stream index", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = tcp_note(c, l)) out.add_uint(static_cast<std::uint64_t>(n->stream), l, 0, 0);
         }});
  r.add({.name = "tcp.len", .label = "TCP Segment Len", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           // As tshark: the length the IP header claims, minus the TCP header length.
           const Bytes b = c.packet.bytes_of(l);
           if (b.size() < 13) return;
           const std::uint32_t hlen = V{b}.header_len();
           if (hlen >= V::kMinHeaderLen && l.reported_len >= hlen) out.add_uint(l.reported_len - hlen, l, 0, 0);
         }});
  r.add({.name = "tcp.seq", .label = "Sequence Number", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = tcp_note(c, l); n && n->has_rel) out.add_uint(n->rel_seq, l, 4, 4);
         }});
  r.add({.name = "tcp.seq_raw", .label = "Sequence Number (raw)", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.seq(); }, 4, 4>()});
  r.add({.name = "tcp.nxtseq", .label = "Next Sequence Number", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = tcp_note(c, l); n && n->has_rel) out.add_uint(n->next_seq, l, 0, 0);
         }});
  r.add({.name = "tcp.ack", .label = "Acknowledgment Number", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           // tshark prints 0 for a segment without the ACK flag (e.g. a SYN).
           if (const auto* n = tcp_note(c, l); n && n->has_rel) out.add_uint(n->rel_ack, l, 8, 4);
         }});
  r.add({.name = "tcp.ack_raw", .label = "Acknowledgment number (raw)", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.ack(); }, 8, 4>()});
  r.add({.name = "tcp.hdr_len", .label = "Header Length", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.header_len(); }, 12, 1>()});
  r.add({.name = "tcp.flags", .label = "Flags", .proto = Proto::Tcp, .type = FieldType::Hex, .hex_digits = 4,
         .extract = uint_of<V, [](const V& v) { return v.flags(); }, 12, 2>()});
  r.add({.name = "tcp.flags.ns", .label = "Accurate ECN", .proto = Proto::Tcp, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kAe); }, 12, 2>()});
  r.add({.name = "tcp.flags.cwr", .label = "Congestion Window Reduced", .proto = Proto::Tcp, .type = FieldType::Bool,
         .tree_depth = 2, .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kCwr); }, 13, 1>()});
  r.add({.name = "tcp.flags.ece", .label = "ECN-Echo", .proto = Proto::Tcp, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kEce); }, 13, 1>()});
  r.add({.name = "tcp.flags.urg", .label = "Urgent", .proto = Proto::Tcp, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kUrg); }, 13, 1>()});
  r.add({.name = "tcp.flags.ack", .label = "Acknowledgment", .proto = Proto::Tcp, .type = FieldType::Bool,
         .tree_depth = 2, .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kAck); }, 13, 1>()});
  r.add({.name = "tcp.flags.push", .label = "Push", .proto = Proto::Tcp, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kPsh); }, 13, 1>()});
  r.add({.name = "tcp.flags.reset", .label = "Reset", .proto = Proto::Tcp, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kRst); }, 13, 1>()});
  r.add({.name = "tcp.flags.syn", .label = "Syn", .proto = Proto::Tcp, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kSyn); }, 13, 1>()});
  r.add({.name = "tcp.flags.fin", .label = "Fin", .proto = Proto::Tcp, .type = FieldType::Bool, .tree_depth = 2,
         .extract = uint_of<V, [](const V& v) { return v.has(tcp_flag::kFin); }, 13, 1>()});
  r.add({.name = "tcp.window_size_value", .label = "Window", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.window(); }, 14, 2>()});
  r.add({.name = "tcp.checksum", .label = "Checksum", .proto = Proto::Tcp, .type = FieldType::Hex, .hex_digits = 4,
         .extract = uint_of<V, [](const V& v) { return v.checksum(); }, 16, 2>()});
  // tshark does not verify TCP checksums by default (tcp.check_checksum: FALSE).
  r.add({.name = "tcp.checksum.status", .label = "Checksum Status", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.packet.bytes_of(l).size() >= 18) out.add_uint(2, l, 16, 2);
         }});
  r.add({.name = "tcp.urgent_pointer", .label = "Urgent Pointer", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.urgent_pointer(); }, 18, 2>()});
  register_option_fields(r);
}

}  // namespace wirelab::decode
