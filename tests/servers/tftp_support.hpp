// Test helpers for the TFTP tests: a temporary directory removed afterwards, and file bytes.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace wirelab::servers::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);
// Deterministic bytes covering all 256 values (binary-safe checks), `size` long.
std::string pattern_bytes(std::size_t size, std::uint32_t seed = 1);

}  // namespace wirelab::servers::testing
