// A private directory under $TMPDIR (mkdtemp, mode 0700) removed with everything in it when
// the object goes away. TFTP scenarios serve and write files there.
#pragma once
#include <filesystem>
#include <string>

#include "decode/result.hpp"

namespace wirelab::servers {

class TempDirectory {
 public:
  static Result<TempDirectory> create(const std::string& prefix = "wirelab");
  TempDirectory(TempDirectory&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempDirectory& operator=(TempDirectory&&) = delete;
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory();

  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  explicit TempDirectory(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

}  // namespace wirelab::servers
