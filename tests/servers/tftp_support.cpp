#include "tftp_support.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace wirelab::servers::testing {

TempDir::TempDir() {
  auto d = TempDirectory::create("wirelab-test");
  if (!d) throw std::runtime_error(d.error().message);
  dir_.emplace(std::move(*d));
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "<missing>";
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string pattern_bytes(std::size_t size, std::uint32_t seed) {
  std::string s(size, '\0');
  std::uint32_t x = seed * 2654435761u + 1;
  for (auto& c : s) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

}  // namespace wirelab::servers::testing
