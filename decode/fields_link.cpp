// sll.* (Linux cooked v1 and v2), null.* (BSD loopback) and ieee8021ad.* (QinQ S-tag) fields.
#include "decode/ethernet.hpp"
#include "decode/field_tables.hpp"
#include "decode/null_loopback.hpp"
#include "decode/sll.hpp"

namespace wirelab::decode {
namespace {

// The SLL fields both versions have, read from their version-specific places.
struct SllFields {
  std::uint16_t pkttype = 0;
  std::uint16_t hatype = 0;
  std::uint16_t halen = 0;
  std::uint16_t protocol = 0;
  std::uint32_t addr_offset = 0;  // of the 8-byte address field, from the layer start
  Bytes addr;                     // the 8-byte address field
};

SllFields sll_fields(const Packet& p, const Layer& l) {
  const Bytes b = p.bytes_of(l);
  if (l.proto == Proto::Sll2) {
    const Sll2View v{b};
    return {v.packet_type(), v.hatype(), v.halen(), v.protocol(), 12, v.address_field()};
  }
  const SllView v{b};
  return {v.packet_type(), v.hatype(), v.halen(), v.protocol(), 6, v.address_field()};
}

// Which sll.src.* field carries the address, as tshark chooses by hardware type and length.
enum class SllAddrKind { Eth, Ipv4, Other };
SllAddrKind sll_addr_kind(const SllFields& f) {
  if (f.halen == 6 && (f.hatype == arphrd::kEther || f.hatype == arphrd::kLoopback || f.hatype == 6))
    return SllAddrKind::Eth;
  if (f.halen == 4 && f.hatype == arphrd::kIpGre) return SllAddrKind::Ipv4;
  return SllAddrKind::Other;
}

template <SllAddrKind Kind>
void extract_sll_src(const FieldContext& c, const Layer& l, FieldValues& out) {
  const SllFields f = sll_fields(c.packet, l);
  const std::uint32_t n = sll_address_len(f.halen);
  if (n == 0 || sll_addr_kind(f) != Kind) return;
  if (Kind == SllAddrKind::Ipv4) out.add_uint(load_be32(f.addr, 0), l, f.addr_offset, 4);
  else out.add_bytes(f.addr.first(n), l, f.addr_offset);
}

void register_sll(FieldRegistry& r) {
  r.add({.name = "sll", .label = "Linux cooked capture", .proto = Proto::Sll, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "sll.pkttype", .label = "Packet type", .proto = Proto::Sll, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(sll_fields(c.packet, l).pkttype, l, l.proto == Proto::Sll2 ? 10 : 0,
                        l.proto == Proto::Sll2 ? 1 : 2);
         }});
  r.add({.name = "sll.hatype", .label = "Link-layer address type", .proto = Proto::Sll, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(sll_fields(c.packet, l).hatype, l, l.proto == Proto::Sll2 ? 8 : 2, 2);
         }});
  r.add({.name = "sll.halen", .label = "Link-layer address length", .proto = Proto::Sll, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(sll_fields(c.packet, l).halen, l, l.proto == Proto::Sll2 ? 11 : 4,
                        l.proto == Proto::Sll2 ? 1 : 2);
         }});
  r.add({.name = "sll.src.eth", .label = "Source", .proto = Proto::Sll, .type = FieldType::Mac,
         .extract = extract_sll_src<SllAddrKind::Eth>});
  r.add({.name = "sll.src.ipv4", .label = "Source", .proto = Proto::Sll, .type = FieldType::Ipv4,
         .extract = extract_sll_src<SllAddrKind::Ipv4>});
  r.add({.name = "sll.src.other", .label = "Source", .proto = Proto::Sll, .type = FieldType::Bytes,
         .extract = extract_sll_src<SllAddrKind::Other>});
  r.add({.name = "sll.unused", .label = "Unused", .proto = Proto::Sll, .type = FieldType::Bytes,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const SllFields f = sll_fields(c.packet, l);
           const std::uint32_t n = sll_address_len(f.halen);
           if (n < 8) out.add_bytes(f.addr.subspan(n), l, f.addr_offset + n);
         }});
  r.add({.name = "sll.ltype", .label = "Protocol", .proto = Proto::Sll, .type = FieldType::Hex, .hex_digits = 4,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const SllFields f = sll_fields(c.packet, l);
           if (f.protocol < 0x0600 && f.hatype != arphrd::kIpGre)
             out.add_uint(f.protocol, l, l.proto == Proto::Sll2 ? 0 : 14, 2);
         }});
  r.add({.name = "sll.etype", .label = "Protocol", .proto = Proto::Sll, .type = FieldType::Hex, .hex_digits = 4,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const SllFields f = sll_fields(c.packet, l);
           if (f.protocol >= 0x0600 && f.hatype != arphrd::kIpGre)
             out.add_uint(f.protocol, l, l.proto == Proto::Sll2 ? 0 : 14, 2);
         }});
  r.add({.name = "sll.gretype", .label = "Protocol", .proto = Proto::Sll, .type = FieldType::Hex, .hex_digits = 4,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const SllFields f = sll_fields(c.packet, l);
           if (f.hatype == arphrd::kIpGre) out.add_uint(f.protocol, l, l.proto == Proto::Sll2 ? 0 : 14, 2);
         }});
  r.add({.name = "sll.ifindex", .label = "Interface index", .proto = Proto::Sll, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           if (l.proto == Proto::Sll2) out.add_uint(Sll2View{c.packet.bytes_of(l)}.ifindex(), l, 4, 4);
         }});
}

void register_null(FieldRegistry& r) {
  r.add({.name = "null", .label = "Null/Loopback", .proto = Proto::Null, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "null.family", .label = "Family", .proto = Proto::Null, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const NullView v{.bytes = c.packet.bytes_of(l), .network_order = c.packet.link_type == LinkType::Loop};
           out.add_uint(v.family(), l, 0, 4);
         }});
}

void register_ieee8021ad(FieldRegistry& r) {
  using V = VlanView;
  r.add({.name = "ieee8021ad", .label = "IEEE 802.1ad", .proto = Proto::Ieee8021ad, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "ieee8021ad.priority", .label = "Priority", .proto = Proto::Ieee8021ad, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.priority(); }, 0, 2>()});
  r.add({.name = "ieee8021ad.dei", .label = "DEI", .proto = Proto::Ieee8021ad, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.dei(); }, 0, 2>()});
  r.add({.name = "ieee8021ad.id", .label = "ID", .proto = Proto::Ieee8021ad, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.id(); }, 0, 2>()});
}

}  // namespace

void register_link_fields(FieldRegistry& r) {
  register_sll(r);
  register_null(r);
  register_ieee8021ad(r);
}

}  // namespace wirelab::decode
