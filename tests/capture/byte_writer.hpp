// Appends integers in a chosen byte order: the common part of the pcap and pcapng test builders.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace wirelab::test {

class ByteWriter {
 public:
  explicit ByteWriter(bool big_endian = false) : big_endian_(big_endian) {}
  void set_big_endian(bool be) { big_endian_ = be; }
  bool big_endian() const { return big_endian_; }

  void u8(std::uint8_t v) { out_.push_back(static_cast<std::byte>(v)); }
  void u16(std::uint16_t v) { put(v, 2); }
  void u32(std::uint32_t v) { put(v, 4); }
  void u64(std::uint64_t v) { put(v, 8); }
  void append(std::span<const std::byte> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void append(std::string_view s) {
    for (char c : s) u8(static_cast<std::uint8_t>(c));
  }
  void pad4() {
    while (out_.size() % 4) u8(0);
  }
  // Overwrites 4 bytes at `at` (used to patch block lengths once a block is complete).
  void patch32(std::size_t at, std::uint32_t v) {
    ByteWriter w(big_endian_);
    w.u32(v);
    for (std::size_t i = 0; i < 4; ++i) out_[at + i] = w.out_[i];
  }

  std::size_t size() const { return out_.size(); }
  const std::vector<std::byte>& bytes() const { return out_; }
  std::vector<std::byte>& bytes() { return out_; }

 private:
  void put(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) {
      const int shift = big_endian_ ? 8 * (n - 1 - i) : 8 * i;
      u8(static_cast<std::uint8_t>(v >> shift));
    }
  }
  bool big_endian_;
  std::vector<std::byte> out_;
};

// n bytes counting up from `first`, a recognisable packet body.
inline std::vector<std::byte> counting_bytes(std::size_t n, std::uint8_t first = 0) {
  std::vector<std::byte> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::byte>(first + i);
  return v;
}

}  // namespace wirelab::test
