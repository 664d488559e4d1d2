// What the timeline draws: decode/'s SequenceDiagram (sequence_item.hpp, from the
// conversation trackers). Until that header is on this branch, a copy of its declared shape
// stands in so the widget is built and tested against the same fields; it goes away with
// the merge.
#pragma once
#if __has_include("decode/sequence_item.hpp")
#include "decode/sequence_item.hpp"
#include "decode/tcp_state.hpp"
#else
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wirelab::decode {
enum class TcpState : std::uint8_t {
  Unknown, Closed, Listen, SynSent, SynReceived, Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait,
};
inline std::string_view to_string(TcpState s) {
  constexpr std::string_view kNames[] = {"unknown",   "CLOSED",     "LISTEN",     "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
                                         "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING",  "LAST-ACK",     "TIME-WAIT"};
  return kNames[static_cast<std::size_t>(s)];
}
inline constexpr std::int64_t kLinuxMslNs = 30'000'000'000;
enum class SequenceItemKind : std::uint8_t { Packet, SocketEvent };
enum class SequencePhase : std::uint8_t { None, Handshake, Data, Teardown };
struct SequenceItem {
  SequenceItemKind kind = SequenceItemKind::Packet;
  std::uint64_t frame = 0;
  std::int64_t time_ns = 0;
  std::uint8_t src_node = 0;
  std::uint8_t dst_node = 0;
  std::string label;
  std::string comment;
  std::array<TcpState, 2> state_after{TcpState::Unknown, TcpState::Unknown};
  SequencePhase phase = SequencePhase::None;
  std::string phase_mark;
};
struct SequenceNode {
  std::string address;
  std::string role;
};
struct SequenceDiagram {
  std::string title;
  std::vector<SequenceNode> nodes;
  std::vector<SequenceItem> items;
};
}  // namespace wirelab::decode
#endif
