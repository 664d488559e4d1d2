// Test helpers for the TFTP tests: a temporary directory removed afterwards, and file bytes.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "servers/temp_directory.hpp"

namespace wirelab::servers::testing {

// A temporary directory for a test; throws if it cannot be made (the test then errors out).
class TempDir {
 public:
  TempDir();
  const std::filesystem::path& path() const { return dir_->path(); }
  std::string operator/(const std::string& name) const { return *dir_ / name; }

 private:
  std::optional<TempDirectory> dir_;
};

void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);
// Deterministic bytes covering all 256 values (binary-safe checks), `size` long.
std::string pattern_bytes(std::size_t size, std::uint32_t seed = 1);

}  // namespace wirelab::servers::testing
