// frame.* fields: what the capture said about the frame, and the protocol stack found in it.
#include "decode/field_tables.hpp"

namespace wirelab::decode {

namespace {

// "eth:ethertype:ip:tcp" as tshark prints frame.protocols. Where tshark goes deeper into
// protocols wirelab does not decode (dns, radius, http, ...), wirelab stops at "data" for a
// non-empty payload (tshark's own choice for unrecognised payloads: "tcp:data",
// "udp:data"), and at "tcp"/"udp" when there is none.
std::string protocol_stack(const Packet& p) {
  std::string s;
  for (const Layer& l : p.layers) {
    if (l.proto == Proto::Frame) continue;
    if (!s.empty()) s += ':';
    s += proto_filter_name(l.proto);
    // tshark names the EtherType dispatch step after link layers that use one.
    if (l.aux == layer_aux::kEthertype &&
        (l.proto == Proto::Eth || l.proto == Proto::Vlan || l.proto == Proto::Ieee8021ad || l.proto == Proto::Sll ||
         l.proto == Proto::Sll2))
      s += ":ethertype";
  }
  return s;
}

}  // namespace

void register_frame_fields(FieldRegistry& r) {
  r.add({.name = "frame", .label = "Frame", .proto = Proto::Frame, .type = FieldType::Protocol, .tree_depth = 0,
         .extract = [](const FieldContext&, const Layer& l, FieldValues& out) { out.add(value_at(l, 0, l.length)); }});
  r.add({.name = "frame.time_epoch", .label = "Epoch Arrival Time", .proto = Proto::Frame,
         .type = FieldType::AbsTime, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(static_cast<std::uint64_t>(c.packet.ts_ns), l, 0, 0);
         }});
  r.add({.name = "frame.time_delta", .label = "Time delta from previous captured frame", .proto = Proto::Frame,
         .type = FieldType::RelTime, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(static_cast<std::uint64_t>(c.packet.ts_ns - c.prev_ts_ns), l, 0, 0);
         }});
  r.add({.name = "frame.time_relative", .label = "Time since reference or first frame", .proto = Proto::Frame,
         .type = FieldType::RelTime, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(static_cast<std::uint64_t>(c.packet.ts_ns - c.first_ts_ns), l, 0, 0);
         }});
  r.add({.name = "frame.number", .label = "Frame Number", .proto = Proto::Frame, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(c.packet.number, l, 0, 0);
         }});
  r.add({.name = "frame.len", .label = "Frame Length", .proto = Proto::Frame, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(c.packet.wire_len, l, 0, 0);
         }});
  r.add({.name = "frame.cap_len", .label = "Capture Length", .proto = Proto::Frame, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(c.packet.cap_len(), l, 0, 0);
         }});
  r.add({.name = "frame.interface_id", .label = "Interface id", .proto = Proto::Frame, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(c.packet.interface_id, l, 0, 0);
         }});
  r.add({.name = "frame.protocols", .label = "Protocols in frame", .proto = Proto::Frame, .type = FieldType::String,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_text(protocol_stack(c.packet), l, 0, 0);
         }});
}

}  // namespace wirelab::decode
