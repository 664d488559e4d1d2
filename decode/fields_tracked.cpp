// Fields whose values come from the trackers rather than from the packet's bytes (beyond
// tcp.*, which fields_tcp_analysis.cpp registers): tftp.block.full.
#include "decode/field_tables.hpp"

namespace wirelab::decode {

void register_tracked_fields(FieldRegistry& r) {
  r.add({.name = "tftp.block.full", .label = "Full Block Number", .proto = Proto::Tftp, .type = FieldType::UInt,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.annotations && c.annotations->tftp_block_full >= 0 && l.depth == 0)
             out.add_uint(static_cast<std::uint64_t>(c.annotations->tftp_block_full), l, 2, 2);
         }});
}

}  // namespace wirelab::decode
