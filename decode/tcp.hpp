// TCP (RFC 9293 §3.1).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |          Source Port          |       Destination Port        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                        Sequence Number                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Acknowledgment Number                      |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Data |       |C|E|U|A|P|R|S|F|                               |
//   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
//   |       |       |R|E|G|K|H|T|N|N|                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |           Checksum            |         Urgent Pointer        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                           [Options]                           |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
#pragma once
#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

namespace tcp_flag {
inline constexpr std::uint16_t kFin = 0x001;
inline constexpr std::uint16_t kSyn = 0x002;
inline constexpr std::uint16_t kRst = 0x004;
inline constexpr std::uint16_t kPsh = 0x008;
inline constexpr std::uint16_t kAck = 0x010;
inline constexpr std::uint16_t kUrg = 0x020;
inline constexpr std::uint16_t kEce = 0x040;
inline constexpr std::uint16_t kCwr = 0x080;
inline constexpr std::uint16_t kAe = 0x100;  // accurate ECN (formerly NS)
}  // namespace tcp_flag

struct TcpView {
  static constexpr std::uint32_t kMinHeaderLen = 20;
  Bytes bytes;  // header + payload

  std::uint16_t src_port() const { return load_be16(bytes, 0); }
  std::uint16_t dst_port() const { return load_be16(bytes, 2); }
  std::uint32_t seq() const { return load_be32(bytes, 4); }
  std::uint32_t ack() const { return load_be32(bytes, 8); }
  std::uint32_t header_len() const { return (load_u8(bytes, 12) >> 4) * 4u; }
  std::uint16_t flags() const { return load_be16(bytes, 12) & 0x0fff; }
  bool has(std::uint16_t flag) const { return (flags() & flag) != 0; }
  std::uint16_t window() const { return load_be16(bytes, 14); }
  std::uint16_t checksum() const { return load_be16(bytes, 16); }
  std::uint16_t urgent_pointer() const { return load_be16(bytes, 18); }
  Bytes options() const { return bytes.subspan(kMinHeaderLen, header_len() - kMinHeaderLen); }
  Bytes payload() const { return bytes.subspan(header_len()); }
};

// Validates the data offset against the bytes present.
Result<TcpView, DecodeError> tcp(Bytes b, std::uint32_t frame_offset);

}  // namespace wirelab::decode
