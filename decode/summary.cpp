#include "decode/summary.hpp"

#include <cstdio>
#include <utility>

#include "decode/ethernet.hpp"
#include "decode/ipv4.hpp"
#include "decode/tcp.hpp"
#include "decode/udp.hpp"

namespace wirelab::decode {
namespace {

std::string ipv4_text(std::uint32_t a) {
  char b[16];
  std::snprintf(b, sizeof b, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
  return b;
}

std::string mac_text(Bytes m) {
  char b[18];
  std::snprintf(b, sizeof b, "%02x:%02x:%02x:%02x:%02x:%02x", static_cast<unsigned>(m[0]), static_cast<unsigned>(m[1]),
                static_cast<unsigned>(m[2]), static_cast<unsigned>(m[3]), static_cast<unsigned>(m[4]),
                static_cast<unsigned>(m[5]));
  return b;
}

std::string tcp_flag_list(std::uint16_t f) {
  static constexpr std::pair<std::uint16_t, const char*> kNames[] = {
      {tcp_flag::kFin, "FIN"}, {tcp_flag::kSyn, "SYN"}, {tcp_flag::kRst, "RST"}, {tcp_flag::kPsh, "PSH"},
      {tcp_flag::kAck, "ACK"}, {tcp_flag::kUrg, "URG"}, {tcp_flag::kEce, "ECE"}, {tcp_flag::kCwr, "CWR"},
      {tcp_flag::kAe, "AE"}};
  std::string s;
  for (const auto& [bit, name] : kNames) {
    if (!(f & bit)) continue;
    if (!s.empty()) s += ", ";
    s += name;
  }
  return s.empty() ? "<None>" : s;
}

}  // namespace

PacketSummary summarize(const FieldContext& ctx) {
  const Packet& p = ctx.packet;
  PacketSummary s;
  // Addresses come from the outermost network layer; protocol and info from the innermost
  // layer that says something.
  for (const Layer& l : p.layers) {
    if (l.depth != 0) continue;
    switch (l.proto) {
      case Proto::Eth: {
        const EthernetView e{p.bytes_of(l)};
        s.src = mac_text(e.src());
        s.dst = mac_text(e.dst());
        s.protocol = "Ethernet";
        break;
      }
      case Proto::Ipv4: {
        const Ipv4View ip{p.bytes_of(l)};
        s.src = ipv4_text(ip.src());
        s.dst = ipv4_text(ip.dst());
        s.protocol = "IPv4";
        if (ip.is_fragment())
          s.info = "Fragmented IP protocol (proto=" + std::to_string(ip.protocol()) +
                   ", off=" + std::to_string(ip.frag_offset_bytes()) + ", ID=" + [&] {
                     char b[8];
                     std::snprintf(b, sizeof b, "%04x", ip.id());
                     return std::string(b);
                   }() + ")";
        break;
      }
      case Proto::Tcp: {
        const TcpView t{p.bytes_of(l)};
        s.protocol = "TCP";
        s.info = std::to_string(t.src_port()) + " \u2192 " + std::to_string(t.dst_port()) + " [" +
                 tcp_flag_list(t.flags()) + "]";
        const TcpAnnotation* a = ctx.annotations && ctx.annotations->tcp.has_rel ? &ctx.annotations->tcp : nullptr;
        s.info += " Seq=" + std::to_string(a ? a->rel_seq : t.seq());
        if (t.has(tcp_flag::kAck)) s.info += " Ack=" + std::to_string(a ? a->rel_ack : t.ack());
        s.info += " Win=" + std::to_string(t.window()) + " Len=" + std::to_string(l.length - l.header_len);
        break;
      }
      case Proto::Udp: {
        const UdpView u{p.bytes_of(l)};
        s.protocol = "UDP";
        s.info = std::to_string(u.src_port()) + " \u2192 " + std::to_string(u.dst_port()) +
                 " Len=" + std::to_string(l.length - l.header_len);
        break;
      }
      default: break;
    }
  }
  if (s.protocol.empty()) s.protocol = std::string(proto_display_name(p.layers.back().proto));
  if (p.problem) {
    if (!s.info.empty()) s.info += ' ';
    s.info += "[Malformed: " + p.problem->message() + "]";
  }
  return s;
}

}  // namespace wirelab::decode
