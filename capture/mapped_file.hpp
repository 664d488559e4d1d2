// A read-only memory map of a whole file (or, for "-", all of standard input in memory).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "decode/bytes.hpp"
#include "decode/result.hpp"

namespace wirelab::capture {

class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path);
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  Bytes bytes() const { return {static_cast<const std::byte*>(data_), size_}; }

 private:
  MappedFile() = default;
  void* data_ = nullptr;
  std::size_t size_ = 0;
  bool mapped_ = false;            // true: munmap on close; false: data_ points into buffer_
  std::vector<std::byte> buffer_;  // stdin, or files that cannot be mapped (pipes)
};

}  // namespace wirelab::capture
