// data.* fields: bytes no wirelab decoder claimed, shown as tshark's "data" protocol does.
#include "decode/field_tables.hpp"

namespace wirelab::decode {

void register_data_fields(FieldRegistry& r) {
  r.add({.name = "data", .label = "Data", .proto = Proto::Data, .type = FieldType::Protocol, .tree_depth = 0,
         .extract = [](const FieldContext&, const Layer& l, FieldValues& out) { out.add(value_at(l, 0, l.length)); }});
  r.add({.name = "data.data", .label = "Data", .proto = Proto::Data, .type = FieldType::Bytes,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_bytes(c.packet.bytes_of(l), l, 0);
         }});
  r.add({.name = "data.len", .label = "Length", .proto = Proto::Data, .type = FieldType::UInt,
         .extract = [](const FieldContext&, const Layer& l, FieldValues& out) { out.add_uint(l.length, l, 0, l.length); }});
}

}  // namespace wirelab::decode
