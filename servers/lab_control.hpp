// `lab up` and `lab down` as whole operations: take the lab lock, look at what exists, remove
// leftovers of an owner that died, build or remove, record the owner.
//
// Idempotent: up on a complete lab that `lab up` made changes nothing; down on no lab removes
// nothing. Both clean a stale lab (its owner process is gone) or a partial one first.
#pragma once
#include <chrono>
#include <string>

#include "decode/result.hpp"
#include "servers/lab_lock.hpp"
#include "servers/lab_owner.hpp"

namespace wirelab::servers {

struct LabUpOutcome {
  bool built = false;     // false: a complete lab was already up and is reused
  std::string leftovers;  // what was removed first ("a stale lab left by pid 123 ..."), or ""
};

// With `lock` held: makes sure a complete lab is up. A complete lab brought up by `lab up`
// (persistent) is reused as it is; anything else that exists is removed, then the lab is built
// and recorded as owned by `owner`.
Result<LabUpOutcome> ensure_lab_up(const LabLock& lock, const LabOwner& owner);

// `wirelab-cli lab up` / `lab down`: return the line to print.
Result<std::string> lab_up(std::chrono::milliseconds wait_for_lock);
Result<std::string> lab_down(std::chrono::milliseconds wait_for_lock);

}  // namespace wirelab::servers
