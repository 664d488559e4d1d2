// What every diagram writer (text, PlantUML, Mermaid, SVG) reads off a SequenceDiagram besides
// the items themselves: on which rows an endpoint's TCP state changed, where the shaded phases
// (handshake, teardown, a TFTP request...) open and close, and packet text made safe to print.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decode/sequence_item.hpp"

namespace wirelab::decode {

struct DiagramRow {
  const SequenceItem* item = nullptr;
  // On packet rows: node 0 / node 1 entered a new state with this packet.
  std::array<bool, 2> state_changed{false, false};
  std::string opens_group;    // on the first row of a handshake or teardown run: its name
  SequencePhase group = SequencePhase::None;  // and which of the two it is
  bool closes_group = false;  // on the last row of that run
};

// The rows of `d` in order. Socket calls inside a phase stay inside its group; a group's name
// is the phase mark its rows carry ("handshake: three-way"), else the phase's name.
std::vector<DiagramRow> diagram_rows(const SequenceDiagram& d);

// Text that came out of a packet (a TFTP file name, an error message) as valid UTF-8 with
// every control character (and every byte that is not UTF-8) replaced by '?'.
std::string clean_text(std::string_view s);

// "client 127.0.0.1:46000": a node's role and address, as the writers title its lane.
std::string node_title(const SequenceNode& n);

}  // namespace wirelab::decode
