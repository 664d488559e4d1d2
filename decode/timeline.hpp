// Sequence diagrams: the rows of one TCP conversation (SequenceItem, see sequence_item.hpp)
// built from the tracker, and Timeline, which merges them with socket-call events in time
// order. The CLI's `-z timeline` and the GUI's diagram both draw what these return.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "decode/sequence_item.hpp"
#include "decode/socket_event.hpp"

namespace wirelab::decode {

class TcpConnection;

// tshark's flow-graph label for a segment: "SYN", "SYN, ACK", "PSH, ACK - Len: 5".
std::string tcp_flow_label(std::uint16_t flags, std::uint32_t len);
// tshark's flow-graph comment: "Seq = 1 Ack = 1" ("Seq = 0" without ACK).
std::string tcp_flow_comment(std::uint16_t flags, std::uint32_t rel_seq, std::uint32_t rel_ack);

// The diagram of one connection: node 0 = client, node 1 = server, one item per segment the
// tracker recorded (Trackers::record_sequences / record_sequence_of must have been on), each
// with both endpoints' states after it and the handshake/teardown phase marks.
SequenceDiagram tcp_sequence_diagram(const TcpConnection& c);

class Timeline {
 public:
  // Packets' items (in time order) and socket events (any order) -> one list in time order.
  // Kept: calls on a socket whose local address is one node and peer the other (with its
  // earlier calls on the same pid/fd, e.g. socket() and connect() before the port was
  // known; accept()'s new fd), and the listening socket's setup on the server's address.
  // Each lands on its node's lifeline. At equal times a packet comes before an event.
  static std::vector<SequenceItem> merge(std::span<const SequenceItem> items, std::span<const SocketEvent> events,
                                         std::span<const SequenceNode> nodes);
  // Same, in place on a diagram.
  static void merge_into(SequenceDiagram& d, std::span<const SocketEvent> events);
};

}  // namespace wirelab::decode
