// One arrow (or mark) of a sequence diagram, produced here in decode/ and drawn by dumb
// renderers: the GUI's diagram widget and the CLI's `-z timeline`. Colours and layout are
// the renderer's business; what happened, between whom and when is decided here.
//
//   node 0 (client)            node 1 (server)
//        |  -------- SYN ------->  |       item{src_node=0, dst_node=1, label="SYN"}
//        |  <---- SYN, ACK ------  |
//        [ connect() returned ]    |       item{kind=SocketEvent, src_node=dst_node=0}
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "decode/tcp_state.hpp"

namespace wirelab::decode {

enum class SequenceItemKind : std::uint8_t {
  Packet,       // an arrow from src_node to dst_node
  SocketEvent,  // a mark on one node's lifeline (src_node == dst_node)
};

// A conversation phase a row opens or closes, for the renderer's brackets.
enum class SequencePhase : std::uint8_t { None, Handshake, Data, Teardown };

struct SequenceItem {
  SequenceItemKind kind = SequenceItemKind::Packet;
  std::uint64_t frame = 0;       // packet number; 0 for a socket event
  std::int64_t time_ns = 0;      // absolute, CLOCK_REALTIME ns (the capture clock)
  std::uint8_t src_node = 0;     // index into SequenceDiagram::nodes
  std::uint8_t dst_node = 0;
  std::string label;             // "SYN", "PSH, ACK - Len: 5", "connect()"
  std::string comment;           // "Seq = 1 Ack = 1", socket-event detail
  // Each node's TCP state after this item (index = node); Unknown where not TCP.
  std::array<TcpState, 2> state_after{TcpState::Unknown, TcpState::Unknown};
  SequencePhase phase = SequencePhase::None;
  std::string phase_mark;        // set on the row that completes a phase: "handshake: three-way"
};

struct SequenceNode {
  std::string address;      // "127.0.0.1:46000"
  std::string role;         // "client", "server"
  std::uint32_t ipv4 = 0;   // host order; 0 when IPv6 (socket events match on ipv4 + port)
  std::uint16_t port = 0;
};

struct SequenceDiagram {
  std::string title;                 // "TCP stream 0: 127.0.0.1:46000 -> 127.0.0.1:7"
  // One line on the whole conversation: "handshake: three-way (rtt 0.120 ms)   teardown: ..."
  // for TCP, the request and outcome for TFTP; empty when there is nothing to say.
  std::string summary;
  std::vector<SequenceNode> nodes;   // two for a conversation (three for TFTP: client, port 69, transfer port)
  std::vector<SequenceItem> items;   // in time order
  // Each endpoint's TCP state before the first item (Unknown where not TCP).
  std::array<TcpState, 2> state_before{TcpState::Unknown, TcpState::Unknown};
  std::int64_t time_origin_ns = 0;   // writers print times relative to this (the capture's first packet)

  bool tcp_states = false;           // a TCP conversation: items carry both endpoints' states
};

}  // namespace wirelab::decode
