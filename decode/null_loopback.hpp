// BSD loopback headers: LINKTYPE_NULL (0) carries a 4-byte address family in the byte order
// of the host that captured; LINKTYPE_LOOP (108) carries it in network byte order.
//
//   0                4
//   +----------------+----------------
//   | address family | IPv4 / IPv6 packet
//   +----------------+----------------
//
// AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
#pragma once
#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/proto.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

struct NullView {
  static constexpr std::uint32_t kHeaderLen = 4;
  Bytes bytes;
  bool network_order = false;  // LINKTYPE_LOOP

  // The family as the capturing host wrote it. For LINKTYPE_NULL the byte order is guessed
  // the way tshark does: a value with its low 16 bits zero was written big-endian.
  std::uint32_t family() const {
    if (network_order) return load_be32(bytes, 0);
    const std::uint32_t le = load_le32(bytes, 0);
    return (le & 0xffffu) == 0 ? load_be32(bytes, 0) : le;
  }
};
Result<NullView, DecodeError> null_loopback(Bytes b, std::uint32_t frame_offset, bool network_order);

// Proto::Ipv4 for AF_INET, Proto::Ipv6 for the BSDs' AF_INET6 values, else Proto::Data.
Proto proto_for_address_family(std::uint32_t family);

}  // namespace wirelab::decode
