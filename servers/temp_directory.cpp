#include "servers/temp_directory.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace wirelab::servers {

Result<TempDirectory> TempDirectory::create(const std::string& prefix) {
  std::error_code ec;
  const auto base = std::filesystem::temp_directory_path(ec);
  if (ec) return Error{"no temporary directory: " + ec.message() + " (set TMPDIR)"};
  std::string templ = (base / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(templ.data()) == nullptr)
    return Error{"mkdtemp(" + templ + ") failed: " + std::strerror(errno) + " (is TMPDIR writable?)"};
  return TempDirectory(templ);
}

TempDirectory::~TempDirectory() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace wirelab::servers
