// The packet-list line, as tshark's default output prints it for what wirelab decodes:
// addresses from the outermost network layer, protocol and info from the innermost decoded
// layer of the packet itself (the quoted datagram of an ICMP error does not count).
#include "decode/summary.hpp"

#include <cstdio>
#include <utility>

#include "decode/arp.hpp"
#include "decode/ethernet.hpp"
#include "decode/icmp.hpp"
#include "decode/ipv4.hpp"
#include "decode/ipv6.hpp"
#include "decode/tcp.hpp"
#include "decode/tftp.hpp"
#include "decode/udp.hpp"

namespace wirelab::decode {
namespace {

std::string ipv4_text(std::uint32_t a) {
  char b[16];
  std::snprintf(b, sizeof b, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
  return b;
}

// Any field value as -T fields prints it (IPv6 addresses, ...), through the registry.
std::string field_text(const FieldContext& ctx, const Layer& l, std::string_view name) {
  const FieldDef* def = FieldRegistry::instance().find(name);
  if (!def || !def->extract) return {};
  FieldValues v;
  def->extract(ctx, l, v);
  std::string out;
  if (!v.empty()) format_value(*def, v[0], out);
  return out;
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

std::string ip_protocol_name(std::uint8_t p) {
  switch (p) {
    case 1: return "ICMP";
    case 2: return "IGMP";
    case 6: return "TCP";
    case 17: return "UDP";
    case 47: return "GRE";
    case 50: return "Encapsulating Security Payload";
    case 51: return "Authentication Header";
    case 58: return "ICMPv6";
    case 89: return "OSPF IGP";
    case 132: return "SCTP";
    default: return "Unknown";
  }
}

// "Who has 10.0.0.1? Tell 10.0.0.2", "10.0.0.1 is at aa:bb:..", and the RARP forms.
std::string arp_info(const ArpView& a) {
  const bool ipv4 = a.proto_is_ipv4() && a.hw_is_mac();
  if (!ipv4) return std::string(to_string(static_cast<ArpOpcode>(a.opcode())));
  const std::string sha = mac_text(a.sender_hw()), tha = mac_text(a.target_hw());
  const std::string spa = ipv4_text(load_be32(a.sender_proto(), 0)), tpa = ipv4_text(load_be32(a.target_proto(), 0));
  switch (a.opcode()) {
    case 1: return spa == tpa ? "Gratuitous ARP for " + spa + " (Request)" : "Who has " + tpa + "? Tell " + spa;
    case 2: return spa == tpa ? "Gratuitous ARP for " + spa + " (Reply)" : spa + " is at " + sha;
    case 3: return "Who is " + tha + "? Tell " + sha;
    case 4: return tha + " is at " + tpa;
    default: return "Unknown ARP opcode 0x" + std::to_string(a.opcode());
  }
}

std::string icmp_info(const FieldContext& ctx, const Layer& l) {
  const Bytes b = ctx.packet.bytes_of(l);
  const IcmpView m{b};
  std::string s(icmp_type_name(m.type()));
  if (s.empty()) s = "Unknown ICMP (obsolete or malformed?)";
  const std::string_view code = icmp_code_name(m.type(), m.code());
  if (!code.empty()) s += " (" + std::string(code) + ")";
  if (icmp_is_echo(m.type()) && m.has_rest()) {
    char buf[96];
    unsigned ttl = 0;
    for (const Layer& ip : ctx.packet.layers)
      if (ip.proto == Proto::Ipv4 && ip.depth == 0) ttl = Ipv4View{ctx.packet.bytes_of(ip)}.ttl();
    const unsigned seq = m.seq();
    std::snprintf(buf, sizeof buf, "%-20s id=0x%04x, seq=%u/%u, ttl=%u", s.c_str(), m.ident(), seq,
                  ((seq & 0xff) << 8) | (seq >> 8), ttl);
    s = buf;
    if (ctx.annotations && ctx.annotations->icmp_resp_to)
      s += " (request in " + std::to_string(ctx.annotations->icmp_resp_to) + ")";
    else if (ctx.annotations && ctx.annotations->icmp_resp_in)
      s += " (reply in " + std::to_string(ctx.annotations->icmp_resp_in) + ")";
    else if (ctx.annotations && ctx.annotations->icmp_no_resp)
      s += " (no response found!)";
  }
  return s;
}

// The strings of a TFTP message, as `, name=value` pairs after the first `skip` strings.
std::string tftp_options(const TftpView& v, std::size_t skip) {
  TftpStringReader strings = v.strings();
  std::string_view text;
  std::uint32_t off = 0, len = 0;
  std::string s, name;
  for (std::size_t i = 0; strings.next(text, off, len); ++i) {
    if (i < skip) continue;
    if ((i - skip) % 2 == 0) {
      name = text;
    } else {
      s += ", " + name + "=" + std::string(text);
    }
  }
  return s;
}

std::string tftp_info(const Packet& p, const Layer& l) {
  const TftpView v{p.bytes_of(l)};
  std::string s(to_string(v.op()));
  TftpStringReader strings = v.strings();
  std::string_view file, mode;
  std::uint32_t off = 0, len = 0;
  switch (v.op()) {
    case TftpOpcode::Rrq:
    case TftpOpcode::Wrq:
      strings.next(file, off, len);
      strings.next(mode, off, len);
      return s + ", File: " + std::string(file) + ", Transfer type: " + std::string(mode) + tftp_options(v, 2);
    case TftpOpcode::Oack: return s + tftp_options(v, 0);
    case TftpOpcode::Ack: return s + ", Block: " + std::to_string(v.block());
    case TftpOpcode::Data: {
      s += ", Block: " + std::to_string(v.block());
      const std::uint32_t block_size = p.tftp.known ? p.tftp.block_size : kTftpDefaultBlockSize;
      if (l.length - l.header_len < block_size) s += " (last)";
      return s;
    }
    case TftpOpcode::Error: {
      std::string_view message;
      strings.next(message, off, len);
      std::string code(tftp_error_name(v.error_code()));
      if (code.empty()) code = "Unknown (" + std::to_string(v.error_code()) + ")";
      return s + ", Code: " + code + ", Message: " + std::string(message);
    }
  }
  return s;
}

}  // namespace

PacketSummary summarize(const FieldContext& ctx) {
  const Packet& p = ctx.packet;
  PacketSummary s;
  bool have_network = false;
  for (const Layer& l : p.layers) {
    if (l.depth != 0) continue;
    if (l.proto != Proto::Data && l.proto != Proto::Frame) s.protocol = std::string(proto_display_name(l.proto));
    if (l.partial()) continue;  // a header cut short gives no summary of its own
    switch (l.proto) {
      case Proto::Eth: {
        const EthernetView e{p.bytes_of(l)};
        s.src = mac_text(e.src());
        s.dst = mac_text(e.dst());
        break;
      }
      case Proto::Arp: {
        const ArpView a{p.bytes_of(l)};
        if (a.is_rarp_opcode()) s.protocol = "RARP";
        s.info = arp_info(a);
        break;
      }
      case Proto::Ipv4: {
        const Ipv4View ip{p.bytes_of(l)};
        if (!have_network) {
          s.src = ipv4_text(ip.src());
          s.dst = field_text(ctx, l, "ip.dst");
          have_network = true;
        }
        if (ip.is_fragment()) {
          char b[128];
          std::snprintf(b, sizeof b, "Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)",
                        ip_protocol_name(ip.protocol()).c_str(), ip.protocol(), ip.frag_offset_bytes(), ip.id());
          s.info = b;
        }
        break;
      }
      case Proto::Ipv6:
        if (!have_network) {
          s.src = field_text(ctx, l, "ipv6.src");
          s.dst = field_text(ctx, l, "ipv6.dst");
          have_network = true;
        }
        break;
      case Proto::Icmp: s.info = icmp_info(ctx, l); break;
      case Proto::Icmpv6: {
        const std::string_view name = icmpv6_type_name(load_u8(p.bytes_of(l), 0));
        s.info = name.empty() ? "Unknown ICMPv6 type" : std::string(name);
        break;
      }
      case Proto::Tcp: {
        const TcpView t{p.bytes_of(l)};
        s.info = std::to_string(t.src_port()) + " \u2192 " + std::to_string(t.dst_port()) + " [" +
                 tcp_flag_list(t.flags()) + "]";
        const TcpAnnotation* a = ctx.annotations && ctx.annotations->tcp.has_rel ? &ctx.annotations->tcp : nullptr;
        s.info += " Seq=" + std::to_string(a ? a->rel_seq : t.seq());
        if (t.has(tcp_flag::kAck)) s.info += " Ack=" + std::to_string(a ? a->rel_ack : t.ack());
        s.info += " Win=" + std::to_string(t.window()) + " Len=" + field_text(ctx, l, "tcp.len");
        break;
      }
      case Proto::Udp: {
        const UdpView u{p.bytes_of(l)};
        s.info = std::to_string(u.src_port()) + " \u2192 " + std::to_string(u.dst_port()) +
                 " Len=" + std::to_string(l.length - l.header_len);
        break;
      }
      case Proto::Tftp: s.info = tftp_info(p, l); break;
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
