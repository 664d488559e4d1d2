// IPv6 (RFC 8200) and the extension headers wirelab walks to reach TCP/UDP/ICMPv6.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Version| Traffic Class |           Flow Label                  |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |         Payload Length        |  Next Header  |   Hop Limit   |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                Source Address (16)  /  Destination Address (16)
//
//   Extension header (hop-by-hop 0, routing 43, destination options 60):
//   | Next Header | Hdr Ext Len (8-octet units, not counting the first 8) | ...
//   Fragment header (44), always 8 bytes:
//   | Next Header | Reserved | Fragment Offset (13) |Res|M| Identification (32) |
#pragma once
#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/proto.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

struct Ipv6View {
  static constexpr std::uint32_t kHeaderLen = 40;
  Bytes bytes;  // header + payload, clamped to min(captured, 40 + payload length)

  std::uint8_t version() const { return load_u8(bytes, 0) >> 4; }
  std::uint8_t traffic_class() const { return static_cast<std::uint8_t>((load_be16(bytes, 0) >> 4) & 0xff); }
  std::uint32_t flow_label() const { return load_be32(bytes, 0) & 0xfffff; }
  std::uint16_t payload_len() const { return load_be16(bytes, 4); }
  std::uint8_t next_header() const { return load_u8(bytes, 6); }
  std::uint8_t hop_limit() const { return load_u8(bytes, 7); }
  Bytes src() const { return bytes.subspan(8, 16); }
  Bytes dst() const { return bytes.subspan(24, 16); }
};

// Validates version and the fixed header; clamps to the payload length (0 = jumbogram or
// TSO: as captured).
Result<Ipv6View, DecodeError> ipv6(Bytes b, std::uint32_t frame_offset);

namespace ip_protocol {
inline constexpr std::uint8_t kHopOpts = 0;
inline constexpr std::uint8_t kIcmp = 1;
inline constexpr std::uint8_t kTcp = 6;
inline constexpr std::uint8_t kUdp = 17;
inline constexpr std::uint8_t kRouting = 43;
inline constexpr std::uint8_t kFragment = 44;
inline constexpr std::uint8_t kIcmpv6 = 58;
inline constexpr std::uint8_t kNoNext = 59;
inline constexpr std::uint8_t kDstOpts = 60;
}  // namespace ip_protocol

struct Ipv6ExtView {
  Bytes bytes;  // the extension header only
  std::uint8_t next_header() const { return load_u8(bytes, 0); }
  std::uint8_t length_field() const { return load_u8(bytes, 1); }
  std::uint32_t header_len() const { return static_cast<std::uint32_t>(bytes.size()); }
  // Routing header
  std::uint8_t routing_type() const { return load_u8(bytes, 2); }
  std::uint8_t segments_left() const { return load_u8(bytes, 3); }
  // Fragment header
  std::uint16_t frag_offset_units() const { return load_be16(bytes, 2) >> 3; }
  bool more_fragments() const { return (load_u8(bytes, 3) & 1) != 0; }
  std::uint32_t ident() const { return load_be32(bytes, 4); }
};

// Validates one extension header of kind `layer` (Ipv6HopOpts, Ipv6Routing, Ipv6Fragment,
// Ipv6DstOpts): its length must fit in `b`.
Result<Ipv6ExtView, DecodeError> ipv6_ext(Bytes b, std::uint32_t frame_offset, Proto layer);

// The extension-header layer for a next-header value, or Proto::Data for none.
Proto ipv6_ext_proto(std::uint8_t next_header);

}  // namespace wirelab::decode
