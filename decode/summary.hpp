// The one-line summary of a packet: source, destination, protocol column and info column,
// as tshark's default output and Wireshark's packet list show them.
#pragma once
#include <string>

#include "decode/fields.hpp"

namespace wirelab::decode {

struct PacketSummary {
  std::string src;
  std::string dst;
  std::string protocol;
  std::string info;
};

PacketSummary summarize(const FieldContext& ctx);

}  // namespace wirelab::decode
