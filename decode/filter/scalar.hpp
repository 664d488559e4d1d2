// One value as the filter compares it: a field occurrence or a literal, reduced to the few
// kinds Wireshark compares by. Scalars are views (no ownership, no allocation).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "decode/bytes.hpp"
#include "decode/fields.hpp"

namespace wirelab::decode::filter {

enum class ValueKind : std::uint8_t {
  Unsigned,  // UInt, Hex, FrameNum
  Signed,    // Int, AbsTime, RelTime (ns)
  Bool,      // compared by truth: 2 == 1 (tshark: `tcp.flags.syn == 2` selects SYNs)
  Ipv4,      // with a CIDR prefix on literals
  Ipv6,
  Bytes,     // Mac, Bytes, Protocol, slices
  String,
  Double,
};

struct Scalar {
  std::uint64_t u = 0;  // Unsigned, Bool, Ipv4 (host order)
  std::int64_t i = 0;   // Signed
  double d = 0;
  Bytes bytes;          // Bytes, String
  std::array<std::uint8_t, 16> v6{};
  std::uint8_t prefix = 0;  // CIDR bits for Ipv4 (32 = whole) and Ipv6 (128)
};

ValueKind kind_of(FieldType t);
// Wireshark's name of a field type, for messages ("Unsigned integer", "IPv4 address").
std::string_view type_name(FieldType t);
// True when [] may slice values of this type into bytes.
bool sliceable(FieldType t);

// Three-way comparison of two values of one kind. CIDR prefixes compare the network part.
int compare(ValueKind k, const Scalar& a, const Scalar& b);
// `haystack contains needle` for Bytes and String.
bool contains(const Scalar& haystack, const Scalar& needle);

// Reads a dotted quad ("10.0.0.1") into host order.
bool parse_ipv4(std::string_view text, std::uint32_t& out);
// Reads a textual IPv6 address ("fe80::1", "::ffff:1.2.3.4") without allocating.
bool parse_ipv6(std::string_view text, std::array<std::uint8_t, 16>& out);

}  // namespace wirelab::decode::filter
