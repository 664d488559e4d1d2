#include "servers/lab_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

#include "servers/lab_owner.hpp"

namespace wirelab::servers {
namespace {

std::string lock_path() { return std::string(kLabStateDir) + "/lock"; }

std::string holder_of(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "another process";
  std::string pid(buf, static_cast<std::size_t>(n));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return "pid " + pid;
}

// True when fd is still the file at the lock path (not one `lab down` unlinked meanwhile).
bool is_current_lock_file(int fd) {
  struct stat by_fd {}, by_path {};
  if (::fstat(fd, &by_fd) != 0 || ::stat(lock_path().c_str(), &by_path) != 0) return false;
  return by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

}  // namespace

Result<LabLock> LabLock::acquire(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    if (::mkdir(kLabStateDir, 0755) != 0 && errno != EEXIST)
      return Error{std::string("cannot create the lab state directory ") + kLabStateDir + ": " + std::strerror(errno) +
                   (errno == EACCES || errno == EPERM ? " (the lab needs root: run with sudo)" : "")};
    const int fd = ::open(lock_path().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      if (errno == ENOENT) continue;  // `lab down` removed the directory just now: make it again
      return Error{"cannot open " + lock_path() + ": " + std::strerror(errno)};
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      if (!is_current_lock_file(fd)) {
        ::close(fd);
        continue;
      }
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // Only informational (who holds the lock, for messages); the lock itself is held.
      }
      return LabLock(fd);
    }
    const int flock_errno = errno;
    if (flock_errno != EWOULDBLOCK) {
      ::close(fd);
      return Error{"cannot lock " + lock_path() + ": " + std::strerror(flock_errno)};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      const std::string holder = holder_of(fd);
      ::close(fd);
      return Error{"the lab is in use by " + holder +
                   " (a running `wirelab-cli run ... --lab` or lab up/down); wait for it to finish or stop it"};
    }
    ::close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

LabLock::~LabLock() {
  if (fd_ >= 0) ::close(fd_);
}

void LabLock::remove_state_dir() {
  clear_lab_owner();
  ::unlink(lock_path().c_str());
  ::rmdir(kLabStateDir);
}

}  // namespace wirelab::servers
