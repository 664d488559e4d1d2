// Byte views and the one place that turns network byte order into integers.
// Decoders validate lengths once in their factory, then read with these helpers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace wirelab {

using Bytes = std::span<const std::byte>;

inline std::uint8_t load_u8(Bytes b, std::size_t off) { return static_cast<std::uint8_t>(b[off]); }

inline std::uint16_t load_be16(Bytes b, std::size_t off) {
  return static_cast<std::uint16_t>((static_cast<unsigned>(b[off]) << 8) | static_cast<unsigned>(b[off + 1]));
}

inline std::uint32_t load_be32(Bytes b, std::size_t off) {
  return (static_cast<std::uint32_t>(b[off]) << 24) | (static_cast<std::uint32_t>(b[off + 1]) << 16) |
         (static_cast<std::uint32_t>(b[off + 2]) << 8) | static_cast<std::uint32_t>(b[off + 3]);
}

inline std::uint16_t load_le16(Bytes b, std::size_t off) {
  return static_cast<std::uint16_t>(static_cast<unsigned>(b[off]) | (static_cast<unsigned>(b[off + 1]) << 8));
}

inline std::uint32_t load_le32(Bytes b, std::size_t off) {
  return static_cast<std::uint32_t>(b[off]) | (static_cast<std::uint32_t>(b[off + 1]) << 8) |
         (static_cast<std::uint32_t>(b[off + 2]) << 16) | (static_cast<std::uint32_t>(b[off + 3]) << 24);
}

inline std::uint64_t load_le64(Bytes b, std::size_t off) {
  return static_cast<std::uint64_t>(load_le32(b, off)) | (static_cast<std::uint64_t>(load_le32(b, off + 4)) << 32);
}

inline std::uint64_t load_be64(Bytes b, std::size_t off) {
  return (static_cast<std::uint64_t>(load_be32(b, off)) << 32) | static_cast<std::uint64_t>(load_be32(b, off + 4));
}

// True when [off, off+len) lies inside b. Written so that no pointer or sum can overflow.
inline bool fits(Bytes b, std::size_t off, std::size_t len) { return off <= b.size() && len <= b.size() - off; }

inline Bytes as_bytes(std::string_view s) { return std::as_bytes(std::span<const char>(s.data(), s.size())); }

inline std::string_view as_chars(Bytes b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};  // NOLINT: byte -> char view, same object
}

}  // namespace wirelab
