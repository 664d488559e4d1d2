// The dispatch tables: which decoder handles an EtherType, an IP protocol number or a
// link type. A table, not a ladder, so adding a protocol is one line.
#pragma once
#include <cstdint>

#include "decode/link_type.hpp"
#include "decode/proto.hpp"

namespace wirelab::decode {

// Proto::Data when nothing decodes it.
Proto proto_for_ethertype(std::uint16_t ethertype);
Proto proto_for_ip_protocol(std::uint8_t protocol);
Proto proto_for_link_type(LinkType t);

}  // namespace wirelab::decode
