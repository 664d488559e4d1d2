// The lab for the length of one run (a `run SCENARIO --lab`, a test): holds the lab lock, so no
// `lab down` or other run changes the lab meanwhile, and
//   - uses the lab as it is when `wirelab-cli lab up` brought it up (and leaves it up);
//   - otherwise brings it up for this process and tears it down in the destructor.
// If the process is killed before the destructor runs, the owner record names a dead process
// and the next `lab up`, `lab down` or session removes the leftovers (lab_control.hpp).
//
// One session per process at a time (a second one would wait for the first's lock).
#pragma once
#include <chrono>
#include <memory>
#include <string>

#include "decode/result.hpp"
#include "servers/lab_lock.hpp"

namespace wirelab::servers {

class LabSession {
  struct Key {  // only open() makes sessions
    explicit Key() = default;
  };

 public:
  static Result<std::unique_ptr<LabSession>> open(std::chrono::milliseconds wait_for_lock = std::chrono::seconds(60));
  ~LabSession();
  LabSession(const LabSession&) = delete;
  LabSession& operator=(const LabSession&) = delete;

  // True when this session built the lab (and so removes it at the end).
  bool owns_lab() const { return owns_lab_; }
  // What was cleaned before building ("removed a stale lab left by pid ..."), or "".
  const std::string& leftovers() const { return leftovers_; }

  LabSession(Key, LabLock lock, bool owns, std::string leftovers)
      : lock_(std::move(lock)), owns_lab_(owns), leftovers_(std::move(leftovers)) {}

 private:
  LabLock lock_;
  bool owns_lab_;
  std::string leftovers_;
};

}  // namespace wirelab::servers
