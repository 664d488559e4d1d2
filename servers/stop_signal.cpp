#include "servers/stop_signal.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace wirelab::servers {

StopSignal::StopSignal() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (fd_ < 0) throw std::runtime_error("eventfd() failed: out of file descriptors?");
}

StopSignal::~StopSignal() {
  if (fd_ >= 0) ::close(fd_);
}

void StopSignal::request() {
  if (requested_.exchange(true, std::memory_order_acq_rel)) return;
  const std::uint64_t one = 1;
  // The counter stays non-zero (nobody reads it), so every later poll() sees it readable too.
  [[maybe_unused]] const ssize_t n = ::write(fd_, &one, sizeof one);
}

}  // namespace wirelab::servers
