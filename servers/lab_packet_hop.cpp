#include "servers/lab_packet_hop.hpp"

#include <algorithm>

#include "decode/arp.hpp"
#include "decode/bytes.hpp"

namespace wirelab::servers {
namespace {

MacAddress mac_at(Bytes b, std::size_t offset) {
  MacAddress mac{};
  for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = static_cast<std::uint8_t>(b[offset + i]);
  return mac;
}

// The lab interface holding the IPv4 address at `offset` in `b`, or nullptr.
const LabInterface* lab_ipv4_at(Bytes b, std::size_t offset) {
  std::string dotted;
  for (std::size_t i = 0; i < 4; ++i)
    dotted += (i == 0 ? "" : ".") + std::to_string(static_cast<unsigned>(b[offset + i]));
  return lab_topology().by_ipv4(dotted);
}

std::string host_of(const LabInterface* i) { return i ? std::string(i->host) : std::string("?"); }

}  // namespace

std::optional<LabPacketHop> lab_hop_of(const decode::Packet& packet, std::string_view captured_on) {
  const decode::Layer* eth = packet.find_top(decode::Proto::Eth);
  if (eth == nullptr || eth->header_len < 12) return std::nullopt;
  const Bytes header = packet.header_of(*eth);
  const LabTopology& lab = lab_topology();
  const std::optional<LabHop> hop = lab.hop_of(mac_at(header, 6), mac_at(header, 0));
  if (!hop) return std::nullopt;
  LabPacketHop out{.hop = *hop};
  if (!captured_on.empty()) out.captured_on = lab.interface(captured_on);
  if (out.captured_on) out.hop.segment = out.captured_on->segment;

  if (const decode::Layer* arp = packet.find_top(decode::Proto::Arp)) {
    const decode::ArpView view{packet.bytes_of(*arp)};
    out.arp = true;
    if (view.bytes.size() >= decode::ArpView::kFixedLen && view.bytes.size() >= view.length() && view.hw_is_mac() &&
        view.proto_is_ipv4()) {
      out.arp_request = view.opcode() == static_cast<std::uint16_t>(decode::ArpOpcode::Request);
      out.ip_src = lab_ipv4_at(view.bytes, view.sender_proto_offset());
      out.ip_dst = lab_ipv4_at(view.bytes, view.target_proto_offset());
    }
  } else if (const decode::Layer* ip = packet.find_top(decode::Proto::Ipv4); ip && ip->header_len >= 20) {
    const Bytes ip_header = packet.header_of(*ip);
    out.ip_src = lab_ipv4_at(ip_header, 12);
    out.ip_dst = lab_ipv4_at(ip_header, 16);
  }
  return out;
}

std::string LabPacketHop::describe() const {
  const LabSegment* seg = lab_topology().segment(hop.segment);
  std::string text = host_of(hop.from) + " → ";
  if (hop.broadcast) text += "every host of " + std::string(seg->name);
  else text += (hop.to ? host_of(hop.to) : std::string("a MAC outside the lab")) + " on " + std::string(seg->name);
  text += " (" + std::string(seg->bridge) + ")";
  if (hop.broadcast) text += ", broadcast";
  if (arp) {
    text += arp_request ? " · ARP who-has " : " · ARP ";
    text += arp_request ? (ip_dst ? std::string(ip_dst->ipv4) : std::string("?")) + ", tell " + host_of(ip_src)
                        : host_of(ip_src) + " is-at " + (hop.from ? std::string(hop.from->mac_text) : std::string("?"));
  } else if (ip_src || ip_dst) {
    text += " · IP " + host_of(ip_src) + " → " + host_of(ip_dst);
    if (forwarded()) text += ", forwarded by " + host_of(hop.from);
  }
  return text;
}

}  // namespace wirelab::servers
