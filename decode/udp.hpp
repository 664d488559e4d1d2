// UDP (RFC 768).
//
//    0      7 8     15 16    23 24    31
//   +--------+--------+--------+--------+
//   |     Source      |   Destination   |
//   |      Port       |      Port       |
//   +--------+--------+--------+--------+
//   |     Length      |    Checksum     |
//   +--------+--------+--------+--------+
//   |          data octets ...
#pragma once
#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

struct UdpView {
  static constexpr std::uint32_t kHeaderLen = 8;
  Bytes bytes;  // header + payload, clamped to min(captured, udp length)

  std::uint16_t src_port() const { return load_be16(bytes, 0); }
  std::uint16_t dst_port() const { return load_be16(bytes, 2); }
  std::uint16_t length() const { return load_be16(bytes, 4); }
  std::uint16_t checksum() const { return load_be16(bytes, 6); }
  Bytes payload() const { return bytes.subspan(kHeaderLen); }
};

// Validates the header and clamps the payload to the UDP length (0 means "as captured").
// A length below 8 is Invalid; a length beyond the IP payload is a LengthMismatch.
Result<UdpView, DecodeError> udp(Bytes b, std::uint32_t frame_offset);

}  // namespace wirelab::decode
