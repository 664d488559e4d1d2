#include "gui/row_class.hpp"

#include "decode/fields.hpp"
#include "decode/tcp.hpp"

namespace wirelab::gui {

namespace {

// The innermost protocol of the outer (depth 0) packet decides the class, as in Wireshark's
// protocol column; a quoted datagram inside an ICMP error does not.
RowClass class_of(const decode::Packet& p) {
  RowClass c = RowClass::Other;
  for (const decode::Layer& l : p.layers) {
    if (l.depth != 0) continue;
    switch (l.proto) {
      case decode::Proto::Arp: c = RowClass::Arp; break;
      case decode::Proto::Ipv6: c = RowClass::Ipv6; break;
      case decode::Proto::Icmp: c = RowClass::Icmp; break;
      case decode::Proto::Tcp: c = RowClass::Tcp; break;
      case decode::Proto::Udp: c = RowClass::Udp; break;
      case decode::Proto::Tftp: c = RowClass::Tftp; break;
      default: break;
    }
  }
  return c;
}

std::uint64_t tcp_flags(const decode::Packet& p, const decode::PacketAnnotations& notes) {
  static const decode::FieldDef* const kFlags = decode::FieldRegistry::instance().find("tcp.flags");
  const decode::Layer* tcp = p.find(decode::Proto::Tcp);
  if (!kFlags || !tcp || tcp->depth != 0) return 0;
  thread_local decode::FieldValues values;
  values.clear();
  const decode::FieldContext ctx{.packet = p, .annotations = &notes};
  kFlags->extract(ctx, *tcp, values);
  return values.empty() ? 0 : values[0].u;
}

}  // namespace

RowLook classify(const decode::Packet& packet, const decode::PacketAnnotations& notes) {
  RowLook look{.row_class = class_of(packet)};
  if (packet.problem) look.marks |= row_mark::kProblem;
  if (look.row_class == RowClass::Tcp) {
    const std::uint64_t flags = tcp_flags(packet, notes);
    if (flags & decode::tcp_flag::kRst) look.marks |= row_mark::kRst;
    if (flags & (decode::tcp_flag::kSyn | decode::tcp_flag::kFin)) look.row_class = RowClass::TcpSynFin;
    // Wireshark's "Bad TCP" rule: any finding but window updates and keep-alives.
    constexpr std::uint32_t kBenign = decode::tcp_analysis::kWindowUpdate | decode::tcp_analysis::kKeepAlive |
                                      decode::tcp_analysis::kKeepAliveAck;
    if ((notes.tcp.analysis & ~kBenign) != 0) look.marks |= row_mark::kAnalysis;
  }
  return look;
}

// Close to Wireshark's default colouring rules, so the list reads the way people expect:
// pale protocol tints, grey connection set-up/tear-down, dark red resets, black "bad" rows.
RowColors row_colors(RowClass c, std::uint8_t marks) {
  const QColor ink(0x12, 0x12, 0x12);
  if (marks & row_mark::kProblem) return {QColor(0x12, 0x12, 0x12), QColor(0xff, 0x6b, 0x6b)};
  if (marks & row_mark::kRst) return {QColor(0xa4, 0x00, 0x00), QColor(0xff, 0xfc, 0x9c)};
  if (marks & row_mark::kAnalysis) return {QColor(0x12, 0x12, 0x12), QColor(0xf7, 0x87, 0x87)};
  switch (c) {
    case RowClass::Arp: return {QColor(0xfa, 0xf0, 0xd7), ink};
    case RowClass::Icmp: return {QColor(0xfc, 0xe0, 0xff), ink};
    case RowClass::Tcp: return {QColor(0xe7, 0xe6, 0xff), ink};
    case RowClass::TcpSynFin: return {QColor(0xa0, 0xa0, 0xa0), ink};
    case RowClass::Udp: return {QColor(0xda, 0xee, 0xff), ink};
    case RowClass::Tftp: return {QColor(0xd0, 0xf0, 0xd8), ink};
    case RowClass::Ipv6: return {QColor(0xf0, 0xf0, 0xf0), ink};
    case RowClass::Other: break;
  }
  return {QColor(0xff, 0xff, 0xff), ink};
}

QStringList analysis_badges(std::uint32_t analysis) {
  namespace a = decode::tcp_analysis;
  static constexpr std::pair<std::uint32_t, const char*> kWords[] = {
      {a::kRetransmission, "Retransmission"},      {a::kFastRetransmission, "Fast retransmission"},
      {a::kSpuriousRetransmission, "Spurious retransmission"}, {a::kOutOfOrder, "Out-of-order"},
      {a::kLostSegment, "Previous segment not captured"},       {a::kAckLostSegment, "ACKed unseen segment"},
      {a::kDuplicateAck, "Dup ACK"},               {a::kZeroWindow, "Zero window"},
      {a::kZeroWindowProbe, "Zero window probe"},  {a::kWindowFull, "Window full"},
      {a::kKeepAlive, "Keep-alive"},               {a::kReusedPorts, "Port numbers reused"}};
  QStringList out;
  for (const auto& [bit, word] : kWords)
    if (analysis & bit) out << QString::fromLatin1(word);
  return out;
}

}  // namespace wirelab::gui
