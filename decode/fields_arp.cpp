// arp.* fields (ARP and RARP share them, as in Wireshark).
#include "decode/arp.hpp"
#include "decode/field_tables.hpp"

namespace wirelab::decode {
namespace {
using V = ArpView;

enum class Side { Src, Dst };
enum class Kind { Mac, HwBytes, Ipv4, ProtoBytes };

// One address field, present only when the addresses have that kind (MAC vs other bytes,
// IPv4 vs other bytes).
template <Side S, Kind K>
void extract_address(const FieldContext& c, const Layer& l, FieldValues& out) {
  // tshark reads all four addresses before showing any: a cut ARP packet shows none.
  if (l.partial()) return;
  const Bytes b = c.packet.bytes_of(l);
  const V v{b};
  const bool hw = K == Kind::Mac || K == Kind::HwBytes;
  if (hw && (K == Kind::Mac) != v.hw_is_mac()) return;
  if (!hw && (K == Kind::Ipv4) != v.proto_is_ipv4()) return;
  const std::uint32_t off = S == Side::Src ? (hw ? v.sender_hw_offset() : v.sender_proto_offset())
                                           : (hw ? v.target_hw_offset() : v.target_proto_offset());
  const std::uint32_t size = hw ? v.hw_size() : v.proto_size();
  if (size == 0 || !fits(b, off, size)) return;  // a partial layer ends before this address
  const Bytes a = b.subspan(off, size);
  if (K == Kind::Ipv4) out.add_uint(load_be32(a, 0), l, off, 4);
  else out.add_bytes(a, l, off);
}

}  // namespace

void register_arp_fields(FieldRegistry& r) {
  r.add({.name = "arp", .label = "Address Resolution Protocol", .proto = Proto::Arp, .type = FieldType::Protocol,
         .tree_depth = 0, .extract = extract_protocol});
  r.add({.name = "arp.hw.type", .label = "Hardware type", .proto = Proto::Arp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.hw_type(); }, 0, 2>()});
  r.add({.name = "arp.proto.type", .label = "Protocol type", .proto = Proto::Arp, .type = FieldType::Hex,
         .hex_digits = 4, .extract = uint_of<V, [](const V& v) { return v.proto_type(); }, 2, 2>()});
  r.add({.name = "arp.hw.size", .label = "Hardware size", .proto = Proto::Arp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.hw_size(); }, 4, 1>()});
  r.add({.name = "arp.proto.size", .label = "Protocol size", .proto = Proto::Arp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.proto_size(); }, 5, 1>()});
  r.add({.name = "arp.opcode", .label = "Opcode", .proto = Proto::Arp, .type = FieldType::UInt,
         .extract = uint_of<V, [](const V& v) { return v.opcode(); }, 6, 2>()});
  r.add({.name = "arp.src.hw_mac", .label = "Sender MAC address", .proto = Proto::Arp, .type = FieldType::Mac,
         .extract = extract_address<Side::Src, Kind::Mac>});
  r.add({.name = "arp.src.hw", .label = "Sender hardware address", .proto = Proto::Arp, .type = FieldType::Bytes,
         .extract = extract_address<Side::Src, Kind::HwBytes>});
  r.add({.name = "arp.src.proto_ipv4", .label = "Sender IP address", .proto = Proto::Arp, .type = FieldType::Ipv4,
         .extract = extract_address<Side::Src, Kind::Ipv4>});
  r.add({.name = "arp.src.proto", .label = "Sender protocol address", .proto = Proto::Arp,
         .type = FieldType::Bytes, .extract = extract_address<Side::Src, Kind::ProtoBytes>});
  r.add({.name = "arp.dst.hw_mac", .label = "Target MAC address", .proto = Proto::Arp, .type = FieldType::Mac,
         .extract = extract_address<Side::Dst, Kind::Mac>});
  r.add({.name = "arp.dst.hw", .label = "Target hardware address", .proto = Proto::Arp, .type = FieldType::Bytes,
         .extract = extract_address<Side::Dst, Kind::HwBytes>});
  r.add({.name = "arp.dst.proto_ipv4", .label = "Target IP address", .proto = Proto::Arp, .type = FieldType::Ipv4,
         .extract = extract_address<Side::Dst, Kind::Ipv4>});
  r.add({.name = "arp.dst.proto", .label = "Target protocol address", .proto = Proto::Arp,
         .type = FieldType::Bytes, .extract = extract_address<Side::Dst, Kind::ProtoBytes>});
}

}  // namespace wirelab::decode
