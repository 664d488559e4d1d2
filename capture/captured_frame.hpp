// One frame captured live: its own copy of the bytes (libpcap's buffer is reused after the
// callback returns), with the RawFrame view the dissector takes.
#pragma once
#include <cstdint>
#include <vector>

#include "decode/packet.hpp"

namespace wirelab::capture {

struct CapturedFrame {
  std::int64_t ts_ns = 0;  // CLOCK_REALTIME nanoseconds (libpcap's nanosecond stamp)
  decode::LinkType link_type = decode::LinkType::Ethernet;
  std::uint32_t wire_len = 0;
  std::uint32_t interface_id = 0;
  std::vector<std::byte> bytes;

  decode::RawFrame view() const {
    return {.ts_ns = ts_ns, .link_type = link_type, .wire_len = wire_len, .bytes = Bytes(bytes.data(), bytes.size()),
            .interface_id = interface_id};
  }
};

}  // namespace wirelab::capture
