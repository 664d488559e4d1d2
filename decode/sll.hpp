// Linux "cooked" capture headers (the `any` device): SLL (LINKTYPE_LINUX_SLL, 113) and
// SLL2 (LINKTYPE_LINUX_SLL2, 276). See https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
//
//   SLL v1 (16 bytes)                      SLL v2 (20 bytes)
//   0      2       4       6        14  16 0        2        4          8       10   11   12       20
//   +------+-------+-------+--------+---+  +--------+--------+----------+-------+----+----+--------+
//   |pkttype|hatype|halen  |addr (8)|proto| |protocol|reserved|if index  |hatype |pkt |alen|addr (8)|
//   +------+-------+-------+--------+---+  +--------+--------+----------+-------+----+----+--------+
#pragma once
#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

namespace arphrd {
inline constexpr std::uint16_t kEther = 1;
inline constexpr std::uint16_t kLoopback = 772;
inline constexpr std::uint16_t kIpGre = 778;  // protocol field is a GRE protocol type, not an EtherType
}  // namespace arphrd

// The fields both versions share, at version-specific places.
struct SllView {
  static constexpr std::uint32_t kHeaderLen = 16;
  Bytes bytes;
  std::uint16_t packet_type() const { return load_be16(bytes, 0); }
  std::uint16_t hatype() const { return load_be16(bytes, 2); }
  std::uint16_t halen() const { return load_be16(bytes, 4); }
  Bytes address_field() const { return bytes.subspan(6, 8); }
  std::uint16_t protocol() const { return load_be16(bytes, 14); }
};
Result<SllView, DecodeError> sll(Bytes b, std::uint32_t frame_offset);

struct Sll2View {
  static constexpr std::uint32_t kHeaderLen = 20;
  Bytes bytes;
  std::uint16_t protocol() const { return load_be16(bytes, 0); }
  std::uint16_t reserved() const { return load_be16(bytes, 2); }
  std::uint32_t ifindex() const { return load_be32(bytes, 4); }
  std::uint16_t hatype() const { return load_be16(bytes, 8); }
  std::uint8_t packet_type() const { return load_u8(bytes, 10); }
  std::uint8_t halen() const { return load_u8(bytes, 11); }
  Bytes address_field() const { return bytes.subspan(12, 8); }
};
Result<Sll2View, DecodeError> sll2(Bytes b, std::uint32_t frame_offset);

// The link-layer address as tshark shows it: `halen` bytes of the 8-byte field (at most 8),
// and the unused rest.
inline std::uint32_t sll_address_len(std::uint32_t halen) { return halen > 8 ? 8 : halen; }

}  // namespace wirelab::decode
