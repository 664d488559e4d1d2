// TCP options (RFC 9293 §3.2, RFC 7323 window scale and timestamps, RFC 2018 SACK).
//
//   kind 0 EOL, kind 1 NOP: one byte each.
//   every other kind:  +------+--------+--------------------+
//                      | kind | length | data (length - 2)  |
//                      +------+--------+--------------------+
//   2 MSS (4: mss16)  3 WS (3: shift8)  4 SACK-permitted (2)  5 SACK (2 + 8n: le32 re32 ...)
//   8 Timestamps (10: tsval32 tsecr32)
#pragma once
#include <string_view>

#include "decode/bytes.hpp"

namespace wirelab::decode {

namespace tcp_option {
inline constexpr std::uint8_t kEol = 0;
inline constexpr std::uint8_t kNop = 1;
inline constexpr std::uint8_t kMss = 2;
inline constexpr std::uint8_t kWindowScale = 3;
inline constexpr std::uint8_t kSackPermitted = 4;
inline constexpr std::uint8_t kSack = 5;
inline constexpr std::uint8_t kTimestamps = 8;
}  // namespace tcp_option

struct TcpOption {
  std::uint8_t kind = 0;
  std::uint8_t length = 1;   // whole option (1 for EOL/NOP); 0 when the length byte is missing
  std::uint32_t offset = 0;  // from the start of the TCP header
  Bytes data;                // bytes after kind and length
  // The length byte is below 2, runs past the header, or differs from the kind's fixed size.
  bool malformed = false;

  // The kind's payload is fully present and well-sized (e.g. MSS with length 4).
  bool valid() const { return !malformed; }
  std::uint16_t mss() const { return load_be16(data, 0); }
  std::uint8_t wscale_shift() const { return load_u8(data, 0); }
  std::uint32_t tsval() const { return load_be32(data, 0); }
  std::uint32_t tsecr() const { return load_be32(data, 4); }
  std::size_t sack_blocks() const { return data.size() / 8; }
  std::uint32_t sack_le(std::size_t i) const { return load_be32(data, i * 8); }
  std::uint32_t sack_re(std::size_t i) const { return load_be32(data, i * 8 + 4); }
};

// Walks the options area of a validated TCP header, as tshark lists them: EOL bytes are
// listed one by one (tshark keeps going after an EOL), a malformed length ends the walk.
class TcpOptionIterator {
 public:
  explicit TcpOptionIterator(Bytes options) : options_(options) {}
  bool next(TcpOption& out);

 private:
  Bytes options_;
  std::size_t pos_ = 0;
};

// "Maximum segment size", "Window scale", ...; "Unknown" otherwise.
std::string_view tcp_option_name(std::uint8_t kind);

}  // namespace wirelab::decode
