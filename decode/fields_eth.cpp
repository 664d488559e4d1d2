// eth.* and vlan.* fields.
#include "decode/ethernet.hpp"
#include "decode/field_tables.hpp"

namespace wirelab::decode {

void register_eth_fields(FieldRegistry& r) {
  r.add({.name = "eth", .label = "Ethernet II", .proto = Proto::Eth, .type = FieldType::Protocol, .tree_depth = 0,
         .extract = [](const FieldContext&, const Layer& l, FieldValues& out) { out.add(value_at(l, 0, l.header_len)); }});
  r.add({.name = "eth.dst", .label = "Destination", .proto = Proto::Eth, .type = FieldType::Mac,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_bytes(EthernetView{c.packet.bytes_of(l)}.dst(), l, 0);
         }});
  r.add({.name = "eth.src", .label = "Source", .proto = Proto::Eth, .type = FieldType::Mac,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_bytes(EthernetView{c.packet.bytes_of(l)}.src(), l, 6);
         }});
  r.add({.name = "eth.addr", .label = "Address", .proto = Proto::Eth, .type = FieldType::Mac, .tree_depth = 2,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           const EthernetView e{c.packet.bytes_of(l)};
           out.add_bytes(e.dst(), l, 0);
           out.add_bytes(e.src(), l, 6);
         }});
  r.add({.name = "eth.type", .label = "Type", .proto = Proto::Eth, .type = FieldType::Hex, .hex_digits = 4,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(EthernetView{c.packet.bytes_of(l)}.ether_type(), l, 12, 2);
         }});

  r.add({.name = "vlan", .label = "802.1Q Virtual LAN", .proto = Proto::Vlan, .type = FieldType::Protocol,
         .tree_depth = 0,
         .extract = [](const FieldContext&, const Layer& l, FieldValues& out) { out.add(value_at(l, 0, l.header_len)); }});
  r.add({.name = "vlan.priority", .label = "Priority", .proto = Proto::Vlan, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(VlanView{c.packet.bytes_of(l)}.priority(), l, 0, 2);
         }});
  r.add({.name = "vlan.dei", .label = "DEI", .proto = Proto::Vlan, .type = FieldType::Bool,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(VlanView{c.packet.bytes_of(l)}.dei(), l, 0, 2);
         }});
  r.add({.name = "vlan.id", .label = "ID", .proto = Proto::Vlan, .type = FieldType::UInt,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(VlanView{c.packet.bytes_of(l)}.id(), l, 0, 2);
         }});
  r.add({.name = "vlan.etype", .label = "Type", .proto = Proto::Vlan, .type = FieldType::Hex, .hex_digits = 4,
         .extract = [](const FieldContext& c, const Layer& l, FieldValues& out) {
           out.add_uint(VlanView{c.packet.bytes_of(l)}.ether_type(), l, 2, 2);
         }});
}

}  // namespace wirelab::decode
