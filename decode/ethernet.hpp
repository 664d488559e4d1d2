// Ethernet II (IEEE 802.3 framing with an EtherType), and 802.1Q / 802.1ad VLAN tags.
//
//    0                   6                  12      14
//   +-------------------+-------------------+-------+----------
//   | destination MAC   | source MAC        | type  | payload
//   +-------------------+-------------------+-------+----------
//
//   802.1Q tag (follows a type of 0x8100 / 0x88a8 / 0x9100):
//   +-----+---+-----------+--------+
//   | PCP |DEI| VLAN ID   | type   |   2 bytes TCI + 2 bytes inner EtherType
//   +-----+---+-----------+--------+
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

struct EthernetView {
  static constexpr std::uint32_t kHeaderLen = 14;
  Bytes bytes;
  Bytes dst() const { return bytes.subspan(0, 6); }
  Bytes src() const { return bytes.subspan(6, 6); }
  std::uint16_t ether_type() const { return load_be16(bytes, 12); }
};
Result<EthernetView, DecodeError> ethernet(Bytes b, std::uint32_t frame_offset);

// "aa:bb:cc:dd:ee:ff", as tshark prints eth.src and arp.src.hw_mac.
std::string mac_text(const std::array<std::uint8_t, 6>& mac);
// The same for six bytes of a packet (the caller checked there are six).
std::string mac_text(Bytes six);

struct VlanView {
  static constexpr std::uint32_t kHeaderLen = 4;
  Bytes bytes;
  std::uint16_t tci() const { return load_be16(bytes, 0); }
  std::uint8_t priority() const { return static_cast<std::uint8_t>(tci() >> 13); }
  bool dei() const { return (tci() & 0x1000) != 0; }
  std::uint16_t id() const { return tci() & 0x0fff; }
  std::uint16_t ether_type() const { return load_be16(bytes, 2); }
};
Result<VlanView, DecodeError> vlan(Bytes b, std::uint32_t frame_offset);

namespace ethertype {
inline constexpr std::uint16_t kIpv4 = 0x0800;
inline constexpr std::uint16_t kArp = 0x0806;
inline constexpr std::uint16_t kRarp = 0x8035;
inline constexpr std::uint16_t kVlan = 0x8100;
inline constexpr std::uint16_t kQinQ = 0x88a8;
inline constexpr std::uint16_t kQinQOld = 0x9100;
inline constexpr std::uint16_t kIpv6 = 0x86dd;
}  // namespace ethertype

}  // namespace wirelab::decode
