// tcp.* fields. Conversation fields (tcp.stream, relative seq/ack, analysis) come from the
// trackers' annotations and are absent when a packet is decoded without them.
#include "decode/field_tables.hpp"
#include "decode/tcp.hpp"

namespace wirelab::decode {

namespace {
using V = TcpView;

const TcpAnnotation* tcp_note(const FieldContext& c, const Layer& l) {
  if (!c.annotations || c.annotations->tcp.stream < 0 || l.depth != 0) return nullptr;
  return &c.annotations->tcp;
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
           const V v{c.packet.bytes_of(l)};
           out.add_uint(v.src_port(), l, 0, 2);
           out.add_uint(v.dst_port(), l, 2, 2);
         }});
  r.add({.name = "tcp.stream", .label = "Stream index", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = tcp_note(c, l)) out.add_uint(static_cast<std::uint64_t>(n->stream), l, 0, 0);
         }});
  r.add({.name = "tcp.len", .label = "TCP Segment Len", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = [](const FieldContext&, const Layer& l, FieldValues& out) {
           out.add_uint(l.length - l.header_len, l, 0, 0);
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
  r.add({.name = "tcp.urgent_pointer", .label = "Urgent Pointer", .proto = Proto::Tcp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.urgent_pointer(); }, 18, 2>()});
}

}  // namespace wirelab::decode
