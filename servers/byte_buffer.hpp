// A byte buffer with a read index and a write index (muduo's Buffer idea): bytes are appended
// at the write end and consumed from the read end; the consumed prefix is reclaimed lazily.
// Every index check is a real check: consuming more than is readable clamps, never overruns.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wirelab::servers {

class ByteBuffer {
 public:
  std::size_t readable() const { return write_ - read_; }
  bool empty() const { return readable() == 0; }
  const char* peek() const { return data_.data() + read_; }
  std::string_view view() const { return {peek(), readable()}; }

  void append(std::string_view s);
  // Space for at least n more bytes at the write end; commit(k) after writing k of them.
  std::span<char> prepare(std::size_t n);
  void commit(std::size_t n);
  void consume(std::size_t n);  // clamps to readable()
  std::string take(std::size_t n);  // consume and return up to n bytes
  std::string take_all() { return take(readable()); }
  // Position of `needle` in the readable bytes, or npos.
  std::size_t find(std::string_view needle) const { return view().find(needle); }
  // Big-endian u16 at offset `at` of the readable bytes, if that many bytes are readable.
  bool peek_be16(std::size_t at, std::uint16_t& out) const;

 private:
  std::vector<char> data_;
  std::size_t read_ = 0;
  std::size_t write_ = 0;
};

}  // namespace wirelab::servers
