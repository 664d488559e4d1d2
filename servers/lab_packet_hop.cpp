#include "servers/lab_packet_hop.hpp"

#include <algorithm>

#include "decode/arp.hpp"
#include "decode/bytes.hpp"
#include "decode/ethernet.hpp"

namespace wirelab::servers {
namespace {

using decode::mac_text;

constexpr MacAddress kBroadcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

MacAddress mac_at(Bytes b, std::size_t offset) {
  MacAddress mac{};
  for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = static_cast<std::uint8_t>(b[offset + i]);
  return mac;
}

std::string dotted_at(Bytes b, std::size_t offset) {
  std::string dotted;
  for (std::size_t i = 0; i < 4; ++i) dotted += (i == 0 ? "" : ".") + std::to_string(static_cast<unsigned>(b[offset + i]));
  return dotted;
}

std::string host_of(const LabInterface* i) { return i ? std::string(i->host) : std::string("?"); }

// The sender or receiver, named by its host, with the MAC it used when that is not its own.
std::string end_of(const LabInterface* i, bool foreign_mac, const MacAddress& mac) {
  std::string text = host_of(i);
  if (i && foreign_mac) text += " (as " + mac_text(mac) + ", not its lab MAC)";
  return text;
}

}  // namespace

std::optional<LabPacketHop> lab_hop_of(const decode::Packet& packet, std::string_view captured_on) {
  const decode::Layer* eth = packet.find_top(decode::Proto::Eth);
  if (eth == nullptr || eth->header_len < 12) return std::nullopt;
  const Bytes header = packet.header_of(*eth);
  const LabTopology& lab = lab_topology();
  LabPacketHop out;
  out.eth_src = mac_at(header, 6);
  out.eth_dst = mac_at(header, 0);
  out.hop = lab.hop_of(out.eth_src, out.eth_dst).value_or(LabHop{.broadcast = out.eth_dst == kBroadcast});

  if (const decode::Layer* arp = packet.find_top(decode::Proto::Arp)) {
    const decode::ArpView view{packet.bytes_of(*arp)};
    out.arp = true;
    if (view.bytes.size() >= decode::ArpView::kFixedLen && view.bytes.size() >= view.length() && view.hw_is_mac() &&
        view.proto_is_ipv4()) {
      out.arp_request = view.opcode() == static_cast<std::uint16_t>(decode::ArpOpcode::Request);
      out.arp_target = dotted_at(view.bytes, view.target_proto_offset());
      out.arp_gratuitous = dotted_at(view.bytes, view.sender_proto_offset()) == out.arp_target;
      out.ip_src = lab.by_ipv4(dotted_at(view.bytes, view.sender_proto_offset()));
      out.ip_dst = lab.by_ipv4(out.arp_target);
    }
  } else if (const decode::Layer* ip = packet.find_top(decode::Proto::Ipv4); ip && ip->header_len >= 20) {
    const Bytes ip_header = packet.header_of(*ip);
    out.ip_src = lab.by_ipv4(dotted_at(ip_header, 12));
    out.ip_dst = lab.by_ipv4(dotted_at(ip_header, 16));
  }

  // A MAC that is no lab interface's (a host that changed its MAC, as in gratuitous-arp): the
  // addresses inside name the host, when it is on the segment of the frame's other end.
  if (out.hop.from == nullptr) {
    out.hop.from = out.ip_src;
    out.foreign_src_mac = out.hop.from != nullptr;
  }
  if (out.hop.from == nullptr) return std::nullopt;
  if (out.hop.to == nullptr && !out.hop.broadcast && out.ip_dst && out.ip_dst->segment == out.hop.from->segment) {
    out.hop.to = out.ip_dst;
    out.foreign_dst_mac = true;
  }
  out.hop.segment = out.hop.from->segment;
  if (!captured_on.empty()) out.captured_on = lab.interface(captured_on);
  if (out.captured_on) out.hop.segment = out.captured_on->segment;
  return out;
}

std::string LabPacketHop::describe() const {
  const LabSegment* seg = lab_topology().segment(hop.segment);
  std::string text = end_of(hop.from, foreign_src_mac, eth_src) + " → ";
  if (hop.broadcast) text += "every host of " + std::string(seg->name);
  else text += (hop.to ? end_of(hop.to, foreign_dst_mac, eth_dst) : "MAC " + mac_text(eth_dst)) + " on " + std::string(seg->name);
  text += " (" + std::string(seg->bridge) + ")";
  if (hop.broadcast) text += ", broadcast";
  if (captured_on) text += ", captured on " + std::string(captured_on->name);
  if (arp_gratuitous) {
    text += " · gratuitous ARP: " + host_of(ip_src) + " announces " + arp_target + " is at " + mac_text(eth_src);
  } else if (arp) {
    text += arp_request ? " · ARP who-has " + arp_target + ", tell " + host_of(ip_src)
                        : " · ARP " + host_of(ip_src) + " is-at " + mac_text(eth_src);
  } else if (ip_src || ip_dst) {
    text += " · IP " + host_of(ip_src) + " → " + host_of(ip_dst);
    if (forwarded()) text += ", forwarded by " + host_of(hop.from);
  }
  return text;
}

}  // namespace wirelab::servers
