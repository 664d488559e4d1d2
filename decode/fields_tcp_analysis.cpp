// tcp.analysis.* and tcp.time_* fields: what the TCP tracker concluded about a segment.
// tshark prints the analysis markers (FT_NONE items) as "1"; duplicate_ack appears twice in
// its tree, so `-e tcp.analysis.duplicate_ack` prints "1,1". Fast and spurious
// retransmissions are retransmissions too.
#include "decode/field_tables.hpp"

namespace wirelab::decode {

namespace {

const TcpAnnotation* note(const FieldContext& c, const Layer& l) {
  if (!c.annotations || c.annotations->tcp.stream < 0 || l.depth != 0) return nullptr;
  return &c.annotations->tcp;
}

template <std::uint32_t Bits, int Times = 1>
FieldExtractor marker() {
  return [](const FieldContext& c, const Layer& l, FieldValues& out) {
    if (const auto* n = note(c, l); n && (n->analysis & Bits))
      for (int i = 0; i < Times; ++i) out.add_uint(1, l, 0, 0);
  };
}

namespace a = tcp_analysis;
constexpr std::uint32_t kAnyFinding = 0xffffffffu;

}  // namespace

void register_tcp_analysis_fields(FieldRegistry& r) {
  r.add({.name = "tcp.analysis.flags", .label = "TCP Analysis Flags", .proto = Proto::Tcp, .type = FieldType::UInt,
         .tree_depth = 2, .extract = marker<kAnyFinding>()});
  r.add({.name = "tcp.analysis.retransmission", .label = "This frame is a (suspected) retransmission",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3,
         .extract = marker<a::kRetransmission | a::kFastRetransmission | a::kSpuriousRetransmission>()});
  r.add({.name = "tcp.analysis.fast_retransmission", .label = "This frame is a (suspected) fast retransmission",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kFastRetransmission>()});
  r.add({.name = "tcp.analysis.spurious_retransmission", .label = "This frame is a (suspected) spurious retransmission",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3,
         .extract = marker<a::kSpuriousRetransmission>()});
  r.add({.name = "tcp.analysis.out_of_order", .label = "This frame is a (suspected) out-of-order segment",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kOutOfOrder>()});
  r.add({.name = "tcp.analysis.lost_segment", .label = "Previous segment(s) not captured (common at capture start)",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kLostSegment>()});
  r.add({.name = "tcp.analysis.ack_lost_segment", .label = "ACKed segment that wasn't captured (common at capture start)",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kAckLostSegment>()});
  r.add({.name = "tcp.analysis.duplicate_ack", .label = "This is a TCP duplicate ack", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kDuplicateAck, 2>()});
  r.add({.name = "tcp.analysis.duplicate_ack_num", .label = "Duplicate ACK #", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = note(c, l); n && (n->analysis & a::kDuplicateAck)) out.add_uint(n->dup_ack_num, l, 0, 0);
         }});
  r.add({.name = "tcp.analysis.duplicate_ack_frame", .label = "Duplicate to the ACK in frame", .proto = Proto::Tcp,
         .type = FieldType::FrameNum, .tree_depth = 2,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = note(c, l); n && (n->analysis & a::kDuplicateAck)) out.add_uint(n->dup_ack_frame, l, 0, 0);
         }});
  r.add({.name = "tcp.analysis.zero_window", .label = "TCP Zero Window segment", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kZeroWindow>()});
  r.add({.name = "tcp.analysis.zero_window_probe", .label = "TCP Zero Window Probe", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kZeroWindowProbe>()});
  r.add({.name = "tcp.analysis.zero_window_probe_ack", .label = "TCP Zero Window Probe Ack", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kZeroWindowProbeAck>()});
  r.add({.name = "tcp.analysis.window_update", .label = "TCP window update", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kWindowUpdate>()});
  r.add({.name = "tcp.analysis.window_full", .label = "TCP window specified by the receiver is now completely full",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kWindowFull>()});
  r.add({.name = "tcp.analysis.keep_alive", .label = "TCP keep-alive segment", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kKeepAlive>()});
  r.add({.name = "tcp.analysis.keep_alive_ack", .label = "ACK to a TCP keep-alive segment", .proto = Proto::Tcp,
         .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kKeepAliveAck>()});
  r.add({.name = "tcp.analysis.reused_ports", .label = "A new tcp session is started with the same ports as an earlier session in this trace",
         .proto = Proto::Tcp, .type = FieldType::UInt, .tree_depth = 3, .extract = marker<a::kReusedPorts>()});
  r.add({.name = "tcp.time_relative", .label = "Time since first frame in this TCP stream", .proto = Proto::Tcp,
         .type = FieldType::RelTime, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = note(c, l)) out.add_uint(static_cast<std::uint64_t>(n->time_relative_ns), l, 0, 0);
         }});
  r.add({.name = "tcp.time_delta", .label = "Time since previous frame in this TCP stream", .proto = Proto::Tcp,
         .type = FieldType::RelTime, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = note(c, l)) out.add_uint(static_cast<std::uint64_t>(n->time_delta_ns), l, 0, 0);
         }});
}

}  // namespace wirelab::decode
