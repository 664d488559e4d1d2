// How a packet-list row is coloured: its protocol class and the problems it shows. The facts
// come from decode/ (layers, flags, tracker findings); the colours are decided here in gui/.
#pragma once
#include <cstdint>

#include <QColor>
#include <QStringList>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"

namespace wirelab::gui {

enum class RowClass : std::uint8_t { Other, Arp, Icmp, Tcp, TcpSynFin, Udp, Tftp, Ipv6 };

namespace row_mark {
inline constexpr std::uint8_t kProblem = 0x01;   // a DecodeError (truncated, malformed)
inline constexpr std::uint8_t kRst = 0x02;       // TCP reset
inline constexpr std::uint8_t kAnalysis = 0x04;  // a tcp.analysis finding (retransmission, dup ACK...)
inline constexpr std::uint8_t kSaved = 0x08;     // layers kept in the store (see PacketStore)
}  // namespace row_mark

struct RowLook {
  RowClass row_class = RowClass::Other;
  std::uint8_t marks = 0;
};

// Classifies a decoded packet (called once per packet while indexing).
RowLook classify(const decode::Packet& packet, const decode::PacketAnnotations& notes);

struct RowColors {
  QColor background;
  QColor foreground;
};
RowColors row_colors(RowClass c, std::uint8_t marks);

// The tracker's tcp.analysis findings as short words for the timeline ("Retransmission",
// "Dup ACK", "Zero window", ...), in tshark's terms.
QStringList analysis_badges(std::uint32_t analysis);

}  // namespace wirelab::gui
