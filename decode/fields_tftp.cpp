// tftp.* fields. The file name of packets after the request ([Destination File], as tshark
// shows it on every follow-up packet of both RRQ and WRQ transfers) comes from the request
// the dissector remembered (Packet::tftp).
#include "decode/field_tables.hpp"
#include "decode/tftp.hpp"

namespace wirelab::decode {
namespace {
using V = TftpView;

bool is_request(const V& v) { return v.op() == TftpOpcode::Rrq || v.op() == TftpOpcode::Wrq; }

// Calls f(text, offset, length) for the i-th string of the message and those after it,
// stepping `stride` strings at a time (options alternate name, value).
template <class F>
void for_strings(const V& v, std::size_t first, std::size_t stride, F f) {
  TftpStringReader strings = v.strings();
  std::string_view text;
  std::uint32_t off = 0, len = 0;
  for (std::size_t i = 0; strings.next(text, off, len); ++i)
    if (i >= first && (i - first) % stride == 0) f(text, off, len);
}

// Where the options start: after file and mode in RRQ/WRQ, at once in OACK.
std::size_t first_option(const V& v) { return is_request(v) ? 2 : 0; }
bool has_options(const V& v) { return is_request(v) || v.op() == TftpOpcode::Oack; }

void add_string(std::string_view text, std::uint32_t off, std::uint32_t len, const Layer& l, FieldValues& out) {
  out.add_bytes(as_bytes(text), l, off);
  (void)len;
}

}  // namespace

void register_tftp_fields(FieldRegistry& r) {
  r.add({.name = "tftp", .label = "Trivial File Transfer Protocol", .proto = Proto::Tftp, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "tftp.opcode", .label = "Opcode", .proto = Proto::Tftp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.opcode(); }, 0, 2>()});
  r.add({.name = "tftp.source_file", .label = "Source File", .proto = Proto::Tftp, .type = FieldType::String,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (v.op() != TftpOpcode::Rrq) return;
           for_strings(v, 0, 1000, [&](std::string_view t, std::uint32_t o, std::uint32_t n) { add_string(t, o, n, l, out); });
         }});
  r.add({.name = "tftp.destination_file", .label = "Destination File", .proto = Proto::Tftp,
         .type = FieldType::String, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (v.op() == TftpOpcode::Wrq) {
             for_strings(v, 0, 1000, [&](std::string_view t, std::uint32_t o, std::uint32_t n) { add_string(t, o, n, l, out); });
           } else if (!is_request(v) && c.packet.tftp.known && l.depth == 0) {
             out.add_text(c.packet.tftp.file, l, 0, 0);
           }
         }});
  r.add({.name = "tftp.request_frame", .label = "Request frame", .proto = Proto::Tftp, .type = FieldType::FrameNum,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (!is_request(v) && c.packet.tftp.known && l.depth == 0)
             out.add_uint(c.packet.tftp.request_frame, l, 0, 0);
         }});
  r.add({.name = "tftp.type", .label = "Type", .proto = Proto::Tftp, .type = FieldType::String,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (!is_request(v)) return;
           for_strings(v, 1, 1000, [&](std::string_view t, std::uint32_t o, std::uint32_t n) { add_string(t, o, n, l, out); });
         }});
  r.add({.name = "tftp.block", .label = "Block", .proto = Proto::Tftp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (v.has_block()) out.add_uint(v.block(), l, 2, 2);
         }});
  r.add({.name = "tftp.error.code", .label = "Error code", .proto = Proto::Tftp, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (v.op() == TftpOpcode::Error) out.add_uint(v.error_code(), l, 2, 2);
         }});
  r.add({.name = "tftp.error.message", .label = "Error message", .proto = Proto::Tftp, .type = FieldType::String,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (v.op() != TftpOpcode::Error) return;
           for_strings(v, 0, 1000, [&](std::string_view t, std::uint32_t o, std::uint32_t n) { add_string(t, o, n, l, out); });
         }});
  r.add({.name = "tftp.option.name", .label = "Option name", .proto = Proto::Tftp, .type = FieldType::String,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (!has_options(v)) return;
           for_strings(v, first_option(v), 2,
                       [&](std::string_view t, std::uint32_t o, std::uint32_t n) { add_string(t, o, n, l, out); });
         }});
  r.add({.name = "tftp.option.value", .label = "Option value", .proto = Proto::Tftp, .type = FieldType::String,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const V v{c.packet.bytes_of(l)};
           if (!has_options(v)) return;
           for_strings(v, first_option(v) + 1, 2,
                       [&](std::string_view t, std::uint32_t o, std::uint32_t n) { add_string(t, o, n, l, out); });
         }});
}

}  // namespace wirelab::decode
