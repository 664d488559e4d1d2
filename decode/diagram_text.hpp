// The text sequence diagram of `-z timeline`: one row per packet or socket call, an ASCII
// arrow between the endpoints' lifelines with the flow-graph label, each endpoint's TCP state
// after the row ('*' where it changed) and the Seq/Ack comment.
//
//    frame         time  client 127.0.0.1:46000  ->  server 127.0.0.1:7   client state   server state
//        1     0.000000  |-- SYN ----------------------------------->  SYN-SENT*      LISTEN         Seq = 0
//        2     0.000002  <-- SYN, ACK -------------------------------|  SYN-SENT       SYN-RECEIVED*  Seq = 0 Ack = 1
#pragma once
#include <string>

#include "decode/sequence_item.hpp"

namespace wirelab::decode {

std::string text_diagram(const SequenceDiagram& d);

}  // namespace wirelab::decode
