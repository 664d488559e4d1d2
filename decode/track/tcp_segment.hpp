// The facts of one TCP segment that connection tracking needs, read once from the packet.
#pragma once
#include <cstdint>

#include "decode/bytes.hpp"

namespace wirelab::decode {

struct TcpSegment {
  std::uint64_t frame = 0;
  std::int64_t ts_ns = 0;
  std::uint32_t wire_len = 0;    // frame length on the wire (conversation tables count it)
  std::uint32_t seq = 0;         // raw (absolute) numbers
  std::uint32_t ack = 0;
  std::uint16_t flags = 0;       // tcp_flag bits
  std::uint16_t window = 0;      // raw window field
  std::int8_t window_shift = -1; // the Window Scale option's shift, -1 when absent
  Bytes payload;                 // captured payload (may be shorter than len)
  std::uint32_t len = 0;         // payload length as the headers claim it (tcp.len)
  bool malformed = false;        // the TCP header itself is damaged (tshark then skips its taps)
  bool checksum_bad = false;     // verified and wrong (only when checksum verification is on)
};

// Serial-number arithmetic (RFC 1982) for 32-bit sequence numbers.
inline bool seq_lt(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) < 0; }
inline bool seq_gt(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) > 0; }
inline bool seq_le(std::uint32_t a, std::uint32_t b) { return !seq_gt(a, b); }
inline bool seq_ge(std::uint32_t a, std::uint32_t b) { return !seq_lt(a, b); }

}  // namespace wirelab::decode
