#include "decode/filter/scalar.hpp"

#include <algorithm>
#include <cstring>

namespace wirelab::decode::filter {
namespace {

template <class T>
int three_way(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compare_bytes(Bytes a, Bytes b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n) {
    const int c = std::memcmp(a.data(), b.data(), n);
    if (c) return c < 0 ? -1 : 1;
  }
  return three_way(a.size(), b.size());
}

std::uint64_t ipv4_mask(unsigned bits) { return bits >= 32 ? 0xffffffffu : (bits == 0 ? 0 : (0xffffffffu << (32 - bits)) & 0xffffffffu); }

int compare_ipv6(const Scalar& a, const Scalar& b) {
  const unsigned bits = std::min(a.prefix, b.prefix);
  for (unsigned byte = 0; byte < 16; ++byte) {
    if (byte * 8 >= bits) return 0;
    unsigned mask = 0xff;
    if (bits - byte * 8 < 8) mask = (0xff00u >> (bits - byte * 8)) & 0xffu;
    const unsigned x = a.v6[byte] & mask, y = b.v6[byte] & mask;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_dotted_quad(std::string_view s, std::uint8_t* out) {
  int part = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (i) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
    std::size_t n = 0;
    part = 0;
    while (n < s.size() && n < 3 && s[n] >= '0' && s[n] <= '9') part = part * 10 + (s[n++] - '0');
    if (n == 0 || part > 255) return false;
    out[i] = static_cast<std::uint8_t>(part);
    s.remove_prefix(n);
  }
  return s.empty();
}

}  // namespace

ValueKind kind_of(FieldType t) {
  switch (t) {
    case FieldType::UInt:
    case FieldType::Hex:
    case FieldType::FrameNum: return ValueKind::Unsigned;
    case FieldType::Int:
    case FieldType::AbsTime:
    case FieldType::RelTime: return ValueKind::Signed;
    case FieldType::Bool: return ValueKind::Bool;
    case FieldType::Ipv4: return ValueKind::Ipv4;
    case FieldType::Ipv6: return ValueKind::Ipv6;
    case FieldType::String: return ValueKind::String;
    case FieldType::Double: return ValueKind::Double;
    case FieldType::Protocol:
    case FieldType::Mac:
    case FieldType::Bytes: return ValueKind::Bytes;
  }
  return ValueKind::Bytes;
}

std::string_view type_name(FieldType t) {
  switch (t) {
    case FieldType::Protocol: return "Protocol";
    case FieldType::UInt: return "Unsigned integer";
    case FieldType::Int: return "Signed integer";
    case FieldType::Hex: return "Unsigned integer";
    case FieldType::Bool: return "Boolean";
    case FieldType::Ipv4: return "IPv4 address";
    case FieldType::Ipv6: return "IPv6 address";
    case FieldType::Mac: return "Ethernet or other MAC address";
    case FieldType::String: return "Character string";
    case FieldType::Bytes: return "Sequence of bytes";
    case FieldType::AbsTime: return "Date and time";
    case FieldType::RelTime: return "Time offset";
    case FieldType::Double: return "Floating point (double-precision)";
    case FieldType::FrameNum: return "Frame number";
  }
  return "?";
}

bool sliceable(FieldType t) {
  switch (t) {
    case FieldType::Protocol:
    case FieldType::Mac:
    case FieldType::Bytes:
    case FieldType::String:
    case FieldType::Ipv4:
    case FieldType::Ipv6: return true;
    default: return false;
  }
}

int compare(ValueKind k, const Scalar& a, const Scalar& b) {
  switch (k) {
    case ValueKind::Unsigned: return three_way(a.u, b.u);
    case ValueKind::Bool: return three_way(a.u != 0, b.u != 0);
    case ValueKind::Signed: return three_way(a.i, b.i);
    case ValueKind::Double: return three_way(a.d, b.d);
    case ValueKind::Ipv4: {
      const std::uint64_t m = ipv4_mask(std::min(a.prefix, b.prefix));
      return three_way(a.u & m, b.u & m);
    }
    case ValueKind::Ipv6: return compare_ipv6(a, b);
    case ValueKind::Bytes:
    case ValueKind::String: return compare_bytes(a.bytes, b.bytes);
  }
  return 0;
}

bool contains(const Scalar& haystack, const Scalar& needle) {
  const std::string_view h = as_chars(haystack.bytes), n = as_chars(needle.bytes);
  return h.find(n) != std::string_view::npos;
}

bool parse_ipv4(std::string_view text, std::uint32_t& out) {
  std::uint8_t q[4];
  if (!parse_dotted_quad(text, q)) return false;
  out = static_cast<std::uint32_t>(q[0]) << 24 | static_cast<std::uint32_t>(q[1]) << 16 |
        static_cast<std::uint32_t>(q[2]) << 8 | q[3];
  return true;
}

bool parse_ipv6(std::string_view s, std::array<std::uint8_t, 16>& out) {
  out.fill(0);
  std::array<std::uint16_t, 8> groups{};
  int n = 0, gap = -1;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    gap = 0;
    i = 2;
  }
  while (i < s.size()) {
    // An IPv4 tail ("::ffff:10.0.0.1") fills the last two groups.
    const std::size_t next_colon = s.find(':', i);
    const std::string_view piece = s.substr(i, next_colon == std::string_view::npos ? s.size() - i : next_colon - i);
    if (piece.find('.') != std::string_view::npos) {
      std::uint8_t q[4];
      if (n > 6 || next_colon != std::string_view::npos || !parse_dotted_quad(piece, q)) return false;
      groups[static_cast<std::size_t>(n++)] = static_cast<std::uint16_t>(q[0] << 8 | q[1]);
      groups[static_cast<std::size_t>(n++)] = static_cast<std::uint16_t>(q[2] << 8 | q[3]);
      i = s.size();
      break;
    }
    if (piece.empty() || piece.size() > 4 || n >= 8) return false;
    unsigned v = 0;
    for (char c : piece) {
      const int h = hex_value(c);
      if (h < 0) return false;
      v = v * 16 + static_cast<unsigned>(h);
    }
    groups[static_cast<std::size_t>(n++)] = static_cast<std::uint16_t>(v);
    i += piece.size();
    if (i == s.size()) break;
    ++i;  // ':'
    if (i < s.size() && s[i] == ':') {
      if (gap >= 0) return false;
      gap = n;
      ++i;
    } else if (i == s.size()) {
      return false;  // trailing single ':'
    }
  }
  if (gap < 0 && n != 8) return false;
  if (gap >= 0 && n > 7) return false;
  std::array<std::uint16_t, 8> full{};
  if (gap < 0) {
    full = groups;
  } else {
    const int tail = n - gap;
    for (int k = 0; k < gap; ++k) full[static_cast<std::size_t>(k)] = groups[static_cast<std::size_t>(k)];
    for (int k = 0; k < tail; ++k)
      full[static_cast<std::size_t>(8 - tail + k)] = groups[static_cast<std::size_t>(gap + k)];
  }
  for (std::size_t k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<std::uint8_t>(full[k] >> 8);
    out[2 * k + 1] = static_cast<std::uint8_t>(full[k] & 0xff);
  }
  return true;
}

}  // namespace wirelab::decode::filter
