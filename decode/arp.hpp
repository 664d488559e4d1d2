// ARP (RFC 826) and RARP (RFC 903): the same packet, EtherType 0x0806 / 0x8035.
//
//    0        2        4    5    6        8
//   +--------+--------+----+----+--------+--------------+--------------+--------------+--------------+
//   | hw type|protocol|hlen|plen| opcode | sender hw    | sender proto | target hw    | target proto |
//   +--------+--------+----+----+--------+--------------+--------------+--------------+--------------+
//                                           hlen bytes     plen bytes     hlen bytes     plen bytes
//
// Ethernet/IPv4 (hlen 6, plen 4) is decoded fully; other hardware and protocol types keep
// their addresses as bytes of the sizes the header gives.
#pragma once
#include <string_view>

#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

enum class ArpOpcode : std::uint16_t {
  Request = 1,
  Reply = 2,
  RarpRequest = 3,
  RarpReply = 4,
  DrarpRequest = 5,
  DrarpReply = 6,
  DrarpError = 7,
  InArpRequest = 8,
  InArpReply = 9,
  ArpNak = 10,
};
// Wireshark's name of the opcode ("request", "reply", "reverse request", ...); "" if unknown.
std::string_view to_string(ArpOpcode op);

struct ArpView {
  static constexpr std::uint32_t kFixedLen = 8;
  Bytes bytes;  // the whole ARP packet: fixed part + 2 * (hlen + plen)

  std::uint16_t hw_type() const { return load_be16(bytes, 0); }
  std::uint16_t proto_type() const { return load_be16(bytes, 2); }
  std::uint8_t hw_size() const { return load_u8(bytes, 4); }
  std::uint8_t proto_size() const { return load_u8(bytes, 5); }
  std::uint16_t opcode() const { return load_be16(bytes, 6); }
  std::uint32_t sender_hw_offset() const { return kFixedLen; }
  std::uint32_t sender_proto_offset() const { return kFixedLen + hw_size(); }
  std::uint32_t target_hw_offset() const { return kFixedLen + hw_size() + proto_size(); }
  std::uint32_t target_proto_offset() const { return kFixedLen + 2u * hw_size() + proto_size(); }
  Bytes sender_hw() const { return bytes.subspan(sender_hw_offset(), hw_size()); }
  Bytes sender_proto() const { return bytes.subspan(sender_proto_offset(), proto_size()); }
  Bytes target_hw() const { return bytes.subspan(target_hw_offset(), hw_size()); }
  Bytes target_proto() const { return bytes.subspan(target_proto_offset(), proto_size()); }
  std::uint32_t length() const { return kFixedLen + 2u * (hw_size() + proto_size()); }

  // Ethernet-like hardware addresses (Ethernet, experimental Ethernet, IEEE 802; 6 bytes) and
  // IPv4 protocol addresses (type 0x0800, 4 bytes), the cases tshark decodes as MAC / IPv4.
  bool hw_is_mac() const { return hw_size() == 6 && (hw_type() == 1 || hw_type() == 2 || hw_type() == 6); }
  bool proto_is_ipv4() const { return proto_size() == 4 && proto_type() == 0x0800; }
  bool is_rarp_opcode() const { return opcode() == 3 || opcode() == 4; }
};

// Validates the fixed part and that the four addresses fit in `b`.
Result<ArpView, DecodeError> arp(Bytes b, std::uint32_t frame_offset);

}  // namespace wirelab::decode
