#include "servers/byte_buffer.hpp"

#include <algorithm>
#include <cstring>

namespace wirelab::servers {

void ByteBuffer::append(std::string_view s) {
  auto room = prepare(s.size());
  std::memcpy(room.data(), s.data(), s.size());
  commit(s.size());
}

std::span<char> ByteBuffer::prepare(std::size_t n) {
  if (data_.size() - write_ < n) {
    if (read_ > 0) {  // slide the unread bytes to the front before growing
      std::memmove(data_.data(), data_.data() + read_, readable());
      write_ -= read_;
      read_ = 0;
    }
    if (data_.size() - write_ < n) data_.resize(std::max(write_ + n, data_.size() * 2));
  }
  return {data_.data() + write_, data_.size() - write_};
}

void ByteBuffer::commit(std::size_t n) { write_ = std::min(write_ + n, data_.size()); }

void ByteBuffer::consume(std::size_t n) {
  read_ += std::min(n, readable());
  if (read_ == write_) read_ = write_ = 0;
}

std::string ByteBuffer::take(std::size_t n) {
  n = std::min(n, readable());
  std::string out(peek(), n);
  consume(n);
  return out;
}

bool ByteBuffer::peek_be16(std::size_t at, std::uint16_t& out) const {
  if (readable() < at + 2) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(peek() + at);
  out = static_cast<std::uint16_t>((p[0] << 8) | p[1]);
  return true;
}

}  // namespace wirelab::servers
