#include "servers/lab_session.hpp"

#include "servers/lab_control.hpp"
#include "servers/lab_network.hpp"
#include "servers/lab_owner.hpp"

namespace wirelab::servers {

Result<std::unique_ptr<LabSession>> LabSession::open(std::chrono::milliseconds wait_for_lock) {
  if (auto e = lab_privilege_problem()) return *e;
  auto lock = LabLock::acquire(wait_for_lock);
  if (!lock) return lock.error();
  auto outcome = ensure_lab_up(*lock, LabOwner::this_process());
  if (!outcome) {
    lock->remove_state_dir();
    return outcome.error();
  }
  return std::make_unique<LabSession>(Key{}, std::move(*lock), outcome->built, outcome->leftovers);
}

LabSession::~LabSession() {
  if (!owns_lab_) return;
  remove_lab();
  lock_.remove_state_dir();
}

}  // namespace wirelab::servers
