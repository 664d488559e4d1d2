// The directory a TFTP server serves, and the only way it opens files. Every name a client
// sends is resolved beneath the root: absolute names, ".." components and symlinks that lead
// out are refused (Access violation). Resolution uses openat2(RESOLVE_BENEATH) so the kernel,
// not a string check, decides what "beneath" means; where openat2 is missing, each component is
// opened with O_NOFOLLOW (no symlink at all is followed).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "servers/tftp_packet.hpp"

namespace wirelab::servers {

// Why a name cannot be opened, as the TFTP error to send.
struct TftpRefusal {
  TftpErrorCode code = TftpErrorCode::NotDefined;
  std::string message;
};

class TftpRoot {
 public:
  static Result<TftpRoot> open(const std::string& directory);
  TftpRoot(TftpRoot&& other) noexcept;
  TftpRoot& operator=(TftpRoot&&) = delete;
  TftpRoot(const TftpRoot&) = delete;
  TftpRoot& operator=(const TftpRoot&) = delete;
  ~TftpRoot();

  // A regular file to read (RRQ): fd, or File not found / Access violation.
  Result<int, TftpRefusal> open_for_read(std::string_view name) const;
  // A file to write (WRQ): created new; an existing one is File already exists unless
  // `overwrite` (then truncated).
  Result<int, TftpRefusal> create_for_write(std::string_view name, bool overwrite) const;
  // Removes a file this server created (a WRQ that failed half-way).
  void remove(std::string_view name) const;

 private:
  explicit TftpRoot(int fd) : fd_(fd) {}
  Result<int, TftpRefusal> open_beneath(std::string_view name, int flags) const;

  int fd_ = -1;
};

// The syntactic half of the rule, shared by both open paths: empty, absolute or ".." names.
std::optional<TftpRefusal> refuse_unsafe_name(std::string_view name);

}  // namespace wirelab::servers
