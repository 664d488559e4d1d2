// The lab's state directory /run/wirelab-lab and the lock that serialises everything that
// changes or uses the lab: `lab up`, `lab down`, and a scenario run for its whole length.
//
// The lock is flock(2) on /run/wirelab-lab/lock, so the kernel releases it when its holder dies,
// even by SIGKILL; the next up/down then finds the dead owner's leftovers and removes them
// (see lab_owner.hpp). The holder's pid is written into the lock file for "in use by" messages.
// `lab down` removes the directory while holding the lock; a waiter that then gets the lock on
// the unlinked file notices (its inode is no longer the path's) and tries again.
#pragma once
#include <chrono>
#include <optional>
#include <utility>

#include "decode/result.hpp"

namespace wirelab::servers {

inline constexpr const char* kLabStateDir = "/run/wirelab-lab";

class LabLock {
 public:
  // Waits up to `wait` for the lock; the error says who holds it.
  static Result<LabLock> acquire(std::chrono::milliseconds wait);
  LabLock(LabLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  LabLock& operator=(LabLock&&) = delete;
  LabLock(const LabLock&) = delete;
  ~LabLock();

  // With the lab gone: removes the state directory (owner record, lock file) while still
  // holding the lock. Leaves nothing under /run.
  void remove_state_dir();

 private:
  explicit LabLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace wirelab::servers
