// A SequenceDiagram as a self-contained SVG image, written without any graphics library (the
// CLI has no Qt): a lane per endpoint, one row per packet or socket call, an arrow per packet
// with its label above and Seq/Ack comment below, each endpoint's TCP state as a coloured band
// down its lane (named where it changes), the handshake and teardown shaded and named, socket
// calls as boxes on their endpoint's lane. The GUI's export draws the same diagram with Qt.
#pragma once
#include <string>

#include "decode/sequence_item.hpp"

namespace wirelab::decode {

std::string svg_diagram(const SequenceDiagram& d);

}  // namespace wirelab::decode
