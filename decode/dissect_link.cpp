// Dissector steps for link layers and ARP.
#include "decode/arp.hpp"
#include "decode/dispatch.hpp"
#include "decode/dissect_steps.hpp"
#include "decode/ethernet.hpp"
#include "decode/null_loopback.hpp"
#include "decode/sll.hpp"

namespace wirelab::decode {
namespace {

constexpr std::uint16_t kMinEtherType = 0x0600;  // below: an 802.3 length, LLC follows

Proto after_ethertype(std::uint16_t type) { return type >= kMinEtherType ? proto_for_ethertype(type) : Proto::Data; }

// SLL/SLL2: the protocol field is an EtherType unless the device is a GRE tunnel (then a GRE
// protocol type, whose values for IPv4/IPv6 are the same numbers, but tshark shows no
// "ethertype" step) or a value below 0x0600 (802.2 LLC, CAN, ...: shown as data).
Cursor after_sll(Walk& w, const Cursor& c, Proto proto, std::uint32_t header_len, std::uint16_t hatype,
                 std::uint16_t protocol) {
  const bool ethertype = protocol >= kMinEtherType && hatype != arphrd::kIpGre;
  if (!w.push(c, proto, c.length, header_len, ethertype ? kAuxEthertype : 0)) return kStop;
  return after(c, after_ethertype(protocol), header_len, c.length - header_len);
}

}  // namespace

Cursor step_eth(Walk& w, const Cursor& c) {
  auto r = ethernet(w.bytes(c), c.offset);
  if (!r) return w.fail(r.error());
  const std::uint16_t type = r->ether_type();
  if (!w.push(c, Proto::Eth, c.length, EthernetView::kHeaderLen, type >= kMinEtherType ? kAuxEthertype : 0))
    return kStop;
  return after(c, after_ethertype(type), EthernetView::kHeaderLen, c.length - EthernetView::kHeaderLen);
}

Cursor step_vlan(Walk& w, const Cursor& c) {
  auto r = vlan(w.bytes(c), c.offset);
  if (!r) {
    DecodeError e = r.error();
    e.layer = c.next;
    return w.fail(e);
  }
  if (!w.push(c, c.next, c.length, VlanView::kHeaderLen, kAuxEthertype)) return kStop;
  return after(c, after_ethertype(r->ether_type()), VlanView::kHeaderLen, c.length - VlanView::kHeaderLen);
}

Cursor step_sll(Walk& w, const Cursor& c) {
  auto r = sll(w.bytes(c), c.offset);
  if (!r) return w.fail(r.error());
  return after_sll(w, c, Proto::Sll, SllView::kHeaderLen, r->hatype(), r->protocol());
}

Cursor step_sll2(Walk& w, const Cursor& c) {
  auto r = sll2(w.bytes(c), c.offset);
  if (!r) return w.fail(r.error());
  return after_sll(w, c, Proto::Sll2, Sll2View::kHeaderLen, r->hatype(), r->protocol());
}

Cursor step_null(Walk& w, const Cursor& c, bool network_order) {
  auto r = null_loopback(w.bytes(c), c.offset, network_order);
  if (!r) return w.fail(r.error());
  if (!w.push(c, Proto::Null, c.length, NullView::kHeaderLen)) return kStop;
  return after(c, proto_for_address_family(r->family()), NullView::kHeaderLen, c.length - NullView::kHeaderLen);
}

Cursor step_raw(Walk& w, const Cursor& c) {
  if (!w.push(c, Proto::Raw, c.length, 0)) return kStop;
  if (c.length == 0) return kStop;
  const std::uint8_t version = load_u8(w.bytes(c), 0) >> 4;
  const Proto next = version == 4 ? Proto::Ipv4 : version == 6 ? Proto::Ipv6 : Proto::Data;
  return after(c, next, 0, c.length);
}

Cursor step_arp(Walk& w, const Cursor& c) {
  auto r = arp(w.bytes(c), c.offset);
  if (!r) return w.partial(c, Proto::Arp, r.error());
  const std::uint32_t len = r->length();
  w.push(c, Proto::Arp, len, len);
  return kStop;  // what follows (Ethernet padding) is not ARP's
}

}  // namespace wirelab::decode
