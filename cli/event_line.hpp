// One socket-journal event as a text line for the merged timeline, indented under the packet
// lines: "          0.000812 server     accept      fd 6 = 6  127.0.0.1:5000 <- 127.0.0.1:41822".
#pragma once
#include <cstdint>
#include <string>

#include "decode/socket_event.hpp"

namespace wirelab::cli {

// origin_ns: the stamp printed as 0 (the first packet's), so events and packets share the axis.
std::string format_event_line(const decode::SocketEvent& e, std::int64_t origin_ns);

}  // namespace wirelab::cli
