// A SequenceDiagram as a PlantUML sequence diagram (editable text; `plantuml -tsvg` renders it):
//
//   @startuml
//   participant "client\n127.0.0.1:46000" as n0
//   participant "server\n127.0.0.1:7" as n1
//   group handshake: three-way
//   n0 -> n1 : [1] SYN\nSeq = 0
//   hnote over n0 : SYN-SENT
//   ...
//   end
//   @enduml
//
// One message per packet (frame number, flow-graph label, Seq/Ack comment), each endpoint's
// new TCP state as an hnote over its lane, handshake and teardown as groups, socket calls as
// notes beside their endpoint. Packet text is escaped so it prints as it is.
#pragma once
#include <string>

#include "decode/sequence_item.hpp"

namespace wirelab::decode {

std::string plantuml_diagram(const SequenceDiagram& d);

}  // namespace wirelab::decode
