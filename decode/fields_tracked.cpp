// Fields whose values come from the trackers rather than from the packet's bytes (beyond
// tcp.*, which fields_tcp_analysis.cpp registers): tftp.block.full, ARP's duplicate-address
// findings; and ARP's gratuitous/probe/announcement marks, which tshark prints only when true.
#include "decode/field_tables.hpp"
#include "decode/track/arp_tracker.hpp"

namespace wirelab::decode {

namespace {
template <bool ArpKind::*Member>
FieldExtractor arp_mark() {
  return [](const FieldContext& c, const Layer& l, FieldValues& out) {
    if (arp_kind_of(c.packet.bytes_of(l)).*Member) out.add_uint(1, l, 0, 0);
  };
}
const PacketAnnotations* arp_note(const FieldContext& c, const Layer& l) {
  return c.annotations && c.annotations->arp_duplicate_frame && l.depth == 0 ? c.annotations : nullptr;
}
}  // namespace

void register_tracked_fields(FieldRegistry& r) {
  r.add({.name = "arp.isgratuitous", .label = "Is gratuitous", .proto = Proto::Arp, .type = FieldType::Bool,
         .extract = arp_mark<&ArpKind::gratuitous>()});
  r.add({.name = "arp.isprobe", .label = "Is probe", .proto = Proto::Arp, .type = FieldType::Bool,
         .extract = arp_mark<&ArpKind::probe>()});
  r.add({.name = "arp.isannouncement", .label = "Is announcement", .proto = Proto::Arp, .type = FieldType::Bool,
         .extract = arp_mark<&ArpKind::announcement>()});
  r.add({.name = "arp.duplicate-address-detected", .label = "Duplicate IP address detected", .proto = Proto::Arp,
         .type = FieldType::UInt, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (arp_note(c, l)) out.add_uint(1, l, 0, 0);
         }});
  r.add({.name = "arp.duplicate-address-frame", .label = "Frame showing earlier use of IP address",
         .proto = Proto::Arp, .type = FieldType::FrameNum, .tree_depth = 2,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = arp_note(c, l)) out.add_uint(n->arp_duplicate_frame, l, 0, 0);
         }});
  r.add({.name = "arp.seconds-since-duplicate-address-frame", .label = "Seconds since earlier frame seen",
         .proto = Proto::Arp, .type = FieldType::UInt, .tree_depth = 2,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (const auto* n = arp_note(c, l))
             out.add_uint(static_cast<std::uint64_t>(n->arp_duplicate_age_s), l, 0, 0);
         }});
  r.add({.name = "tftp.block.full", .label = "Full Block Number", .proto = Proto::Tftp, .type = FieldType::UInt,
         .tree_depth = 2, .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (c.annotations && c.annotations->tftp_block_full >= 0 && l.depth == 0)
             out.add_uint(static_cast<std::uint64_t>(c.annotations->tftp_block_full), l, 2, 2);
         }});
}

}  // namespace wirelab::decode
