#include "servers/tftp_root.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace wirelab::servers {
namespace {

int openat2_beneath(int dirfd, const std::string& name, int flags) {
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags);
  how.mode = (flags & O_CREAT) ? 0644 : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  return static_cast<int>(::syscall(SYS_openat2, dirfd, name.c_str(), &how, sizeof how));
}

// openat2's stand-in for old kernels: walk the components, following no symlink at all.
int open_nofollow_walk(int dirfd, const std::string& name, int flags) {
  int dir = ::dup(dirfd);
  if (dir < 0) return -1;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = name.find('/', start);
    const std::string part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (slash == std::string::npos) {
      const int fd = ::openat(dir, part.c_str(), flags | O_NOFOLLOW, 0644);
      const int err = errno;
      ::close(dir);
      errno = err;
      return fd;
    }
    const int next = part.empty() ? ::dup(dir) : ::openat(dir, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    const int err = errno;
    ::close(dir);
    if (next < 0) {
      errno = err;
      return -1;
    }
    dir = next;
    start = slash + 1;
  }
}

TftpRefusal refusal_for(int err, std::string_view name) {
  const std::string quoted = "\"" + std::string(name) + "\"";
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return {TftpErrorCode::FileNotFound, "File not found: " + quoted};
    case EEXIST:
      return {TftpErrorCode::FileExists, "File already exists: " + quoted};
    case EXDEV:   // RESOLVE_BENEATH: the path (a symlink) leads outside the root
    case ELOOP:   // a symlink where none may be followed
      return {TftpErrorCode::AccessViolation, "Access violation: " + quoted + " leads outside the server root"};
    case ENOSPC:
    case EDQUOT:
      return {TftpErrorCode::DiskFull, "Disk full or allocation exceeded"};
    default:
      return {TftpErrorCode::AccessViolation, "Access violation: " + quoted + ": " + std::strerror(err)};
  }
}

}  // namespace

std::optional<TftpRefusal> refuse_unsafe_name(std::string_view name) {
  if (name.empty()) return TftpRefusal{TftpErrorCode::AccessViolation, "Access violation: empty file name"};
  if (name.front() == '/')
    return TftpRefusal{TftpErrorCode::AccessViolation, "Access violation: absolute path \"" + std::string(name) + "\" refused"};
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = name.find('/', start);
    if (name.substr(start, slash - start) == "..")
      return TftpRefusal{TftpErrorCode::AccessViolation, "Access violation: \"..\" in \"" + std::string(name) + "\" refused"};
    if (slash == std::string_view::npos) return std::nullopt;
    start = slash + 1;
  }
}

Result<TftpRoot> TftpRoot::open(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error{"TFTP root \"" + directory + "\" cannot be opened: " + std::strerror(errno)};
  return TftpRoot(fd);
}

TftpRoot::TftpRoot(TftpRoot&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

TftpRoot::~TftpRoot() {
  if (fd_ >= 0) ::close(fd_);
}

Result<int, TftpRefusal> TftpRoot::open_beneath(std::string_view name, int flags) const {
  if (auto bad = refuse_unsafe_name(name)) return *bad;
  const std::string n(name);
  int fd = openat2_beneath(fd_, n, flags | O_CLOEXEC);
  if (fd < 0 && errno == ENOSYS) fd = open_nofollow_walk(fd_, n, flags | O_CLOEXEC);
  if (fd < 0) return refusal_for(errno, name);
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return TftpRefusal{TftpErrorCode::AccessViolation, "Access violation: \"" + n + "\" is not a regular file"};
  }
  return fd;
}

Result<int, TftpRefusal> TftpRoot::open_for_read(std::string_view name) const {
  // O_NONBLOCK: a FIFO planted in the root must not hang the server on open.
  return open_beneath(name, O_RDONLY | O_NONBLOCK);
}

Result<int, TftpRefusal> TftpRoot::create_for_write(std::string_view name, bool overwrite) const {
  return open_beneath(name, O_WRONLY | O_NONBLOCK | O_CREAT | (overwrite ? O_TRUNC : O_EXCL));
}

void TftpRoot::remove(std::string_view name) const {
  if (refuse_unsafe_name(name)) return;
  ::unlinkat(fd_, std::string(name).c_str(), 0);
}

}  // namespace wirelab::servers
