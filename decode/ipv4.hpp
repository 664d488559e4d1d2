// IPv4 (RFC 791).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Version|  IHL  |Type of Service|          Total Length         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |         Identification        |Flags|      Fragment Offset    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Time to Live |    Protocol   |         Header Checksum       |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                       Source Address                          |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Destination Address                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Options                    |    Padding    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
#pragma once
#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

struct Ipv4View {
  static constexpr std::uint32_t kMinHeaderLen = 20;
  Bytes bytes;  // header + payload, clamped to min(captured, total length)

  std::uint8_t version() const { return load_u8(bytes, 0) >> 4; }
  std::uint32_t header_len() const { return (load_u8(bytes, 0) & 0x0fu) * 4u; }
  std::uint8_t dsfield() const { return load_u8(bytes, 1); }
  std::uint16_t total_len() const { return load_be16(bytes, 2); }
  std::uint16_t id() const { return load_be16(bytes, 4); }
  std::uint8_t flags() const { return load_u8(bytes, 6) >> 5; }
  bool flag_rb() const { return (load_u8(bytes, 6) & 0x80) != 0; }
  bool flag_df() const { return (load_u8(bytes, 6) & 0x40) != 0; }
  bool flag_mf() const { return (load_u8(bytes, 6) & 0x20) != 0; }
  std::uint16_t frag_offset_units() const { return load_be16(bytes, 6) & 0x1fff; }
  std::uint32_t frag_offset_bytes() const { return frag_offset_units() * 8u; }
  std::uint8_t ttl() const { return load_u8(bytes, 8); }
  std::uint8_t protocol() const { return load_u8(bytes, 9); }
  std::uint16_t checksum() const { return load_be16(bytes, 10); }
  std::uint32_t src() const { return load_be32(bytes, 12); }
  std::uint32_t dst() const { return load_be32(bytes, 16); }
  Bytes options() const { return bytes.subspan(kMinHeaderLen, header_len() - kMinHeaderLen); }
  Bytes payload() const { return bytes.subspan(header_len()); }
  bool is_fragment() const { return flag_mf() || frag_offset_units() != 0; }
};

// Validates version, header length and total length; clamps the view to min(captured, total
// length). A total length of 0 (TSO / BIG TCP) means "as captured", as tshark assumes.
Result<Ipv4View, DecodeError> ipv4(Bytes b, std::uint32_t frame_offset);

// Internet checksum (RFC 1071) over b; returns the folded one's-complement sum.
std::uint16_t internet_checksum(Bytes b, std::uint32_t initial = 0);

}  // namespace wirelab::decode
