// A SequenceDiagram as a Mermaid sequence diagram (editable text; GitHub and GitLab render
// ```mermaid blocks, `mmdc` renders files):
//
//   sequenceDiagram
//       participant n0 as client 127.0.0.1#58;46000
//       participant n1 as server 127.0.0.1#58;7
//       rect rgba(76, 175, 80, 0.15)
//       Note over n0,n1: handshake: three-way
//       n0->>n1: [1] SYN<br/>Seq = 0
//       Note over n0: SYN-SENT
//       ...
//       end
//
// One ->> message per packet, each endpoint's new TCP state as a note over its lane, the
// handshake and teardown as shaded rects named by a note, socket calls as notes beside their
// endpoint. Characters Mermaid would read (';', '#', ':' in names, '<', ...) go as its
// "#NN;" entity codes.
#pragma once
#include <string>

#include "decode/sequence_item.hpp"

namespace wirelab::decode {

std::string mermaid_diagram(const SequenceDiagram& d);

}  // namespace wirelab::decode
