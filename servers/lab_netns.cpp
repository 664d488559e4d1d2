#include "servers/lab_netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wirelab::servers {

Result<NetnsHandle> NetnsHandle::open(std::string_view netns) {
  const std::string path = "/run/netns/" + std::string(netns);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Error{"cannot open network namespace " + path + ": " + std::strerror(errno) +
                 (errno == ENOENT ? " (is the lab up? `wirelab-cli lab up`)" : "")};
  return NetnsHandle(fd, std::string(netns));
}

NetnsHandle::~NetnsHandle() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<Error> NetnsHandle::enter() const {
  if (::setns(fd_, CLONE_NEWNET) != 0)
    return Error{"cannot enter network namespace " + name_ + ": " + std::strerror(errno) +
                 (errno == EPERM ? " (needs CAP_SYS_ADMIN: run as root)" : "")};
  return std::nullopt;
}

}  // namespace wirelab::servers
