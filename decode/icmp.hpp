// ICMP (RFC 792) and ICMPv6 (RFC 4443).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |     Code      |          Checksum             |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Identifier (echo, ...)       |  Sequence Number              |   <- "rest of header"
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  data / for errors (3, 4, 5, 11, 12): the offending IP header + 8 bytes
#pragma once
#include <string_view>

#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

namespace icmp_type {
inline constexpr std::uint8_t kEchoReply = 0;
inline constexpr std::uint8_t kUnreachable = 3;
inline constexpr std::uint8_t kSourceQuench = 4;
inline constexpr std::uint8_t kRedirect = 5;
inline constexpr std::uint8_t kEchoRequest = 8;
inline constexpr std::uint8_t kTimeExceeded = 11;
inline constexpr std::uint8_t kParameterProblem = 12;
inline constexpr std::uint8_t kTimestamp = 13;
inline constexpr std::uint8_t kTimestampReply = 14;
}  // namespace icmp_type

struct IcmpView {
  static constexpr std::uint32_t kMinHeaderLen = 4;  // type, code, checksum
  static constexpr std::uint32_t kHeaderLen = 8;     // with the "rest of header" word
  Bytes bytes;  // header + data

  std::uint8_t type() const { return load_u8(bytes, 0); }
  std::uint8_t code() const { return load_u8(bytes, 1); }
  std::uint16_t checksum() const { return load_be16(bytes, 2); }
  // The "rest of header" word is present only when kHeaderLen bytes were captured.
  bool has_rest() const { return bytes.size() >= kHeaderLen; }
  std::uint16_t ident() const { return load_be16(bytes, 4); }
  std::uint16_t seq() const { return load_be16(bytes, 6); }
  std::uint32_t header_len() const { return has_rest() ? kHeaderLen : kMinHeaderLen; }
};

// Validates type, code and checksum (4 bytes); the rest of the header is optional.
Result<IcmpView, DecodeError> icmp(Bytes b, std::uint32_t frame_offset);

// True for the ICMP types whose data is the quoted datagram that caused them.
bool icmp_is_error(std::uint8_t type);
bool icmp_is_echo(std::uint8_t type);
// Wireshark's text for type/code ("Echo (ping) request", "Destination unreachable",
// "Port unreachable", ...); "" when unknown.
std::string_view icmp_type_name(std::uint8_t type);
std::string_view icmp_code_name(std::uint8_t type, std::uint8_t code);

// ICMPv6: the same first 4 bytes; echo (128/129) carries identifier and sequence.
struct Icmpv6View {
  static constexpr std::uint32_t kMinHeaderLen = 4;
  Bytes bytes;
  std::uint8_t type() const { return load_u8(bytes, 0); }
  std::uint8_t code() const { return load_u8(bytes, 1); }
  std::uint16_t checksum() const { return load_be16(bytes, 2); }
};
Result<Icmpv6View, DecodeError> icmpv6(Bytes b, std::uint32_t frame_offset);
std::string_view icmpv6_type_name(std::uint8_t type);

}  // namespace wirelab::decode
