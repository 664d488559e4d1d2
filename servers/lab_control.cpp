#include "servers/lab_control.hpp"

#include "servers/lab_network.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

std::string describe_leftovers(const LabStatus& status) {
  std::string what = status.state() == "stale" ? "a stale lab left by " + status.owner.describe()
                                               : "a partial lab (" + status.first_problem() + ")";
  return "removed " + what + ", " + std::to_string(status.present_namespaces.size()) + " namespace(s)";
}

}  // namespace

Result<LabUpOutcome> ensure_lab_up(const LabLock& /*held*/, const LabOwner& owner) {
  if (auto e = lab_privilege_problem()) return *e;
  const LabStatus status = read_lab_status();
  const bool reusable = status.complete() && (status.owner.kind == LabOwner::Kind::Persistent ||
                                              (status.owner.kind == LabOwner::Kind::Process && status.owner.alive()));
  if (reusable) return LabUpOutcome{.built = false, .leftovers = ""};
  LabUpOutcome outcome{.built = true, .leftovers = ""};
  if (status.any_present()) {
    outcome.leftovers = describe_leftovers(status);
    if (auto e = remove_lab()) return Error{"cannot remove the old lab before building it again: " + e->message};
  }
  clear_lab_owner();
  if (auto e = build_lab()) return *e;
  if (auto e = write_lab_owner(owner)) {
    remove_lab();
    return *e;
  }
  return outcome;
}

Result<std::string> lab_up(std::chrono::milliseconds wait_for_lock) {
  if (auto e = lab_privilege_problem()) return *e;
  auto lock = LabLock::acquire(wait_for_lock);
  if (!lock) return lock.error();
  const LabStatus before = read_lab_status();
  auto outcome = ensure_lab_up(*lock, LabOwner::persistent());
  if (!outcome) {
    lock->remove_state_dir();
    return outcome.error();
  }
  if (!outcome->built) {
    if (before.owner.kind != LabOwner::Kind::Persistent) write_lab_owner(LabOwner::persistent());
    return std::string("lab already up (") + std::to_string(lab_topology().hosts.size()) + " hosts; `wirelab-cli lab status` shows them)";
  }
  std::string line = "lab up: hosts a b c on segment 1 (198.18.0.0/24), router r, host d on segment 2 (198.18.1.0/24)";
  if (!outcome->leftovers.empty()) line += "; first " + outcome->leftovers;
  return line;
}

Result<std::string> lab_down(std::chrono::milliseconds wait_for_lock) {
  if (auto e = lab_privilege_problem()) return *e;
  auto lock = LabLock::acquire(wait_for_lock);
  if (!lock) return lock.error();
  const LabStatus status = read_lab_status();
  if (!status.any_present()) {
    remove_lab();  // /run/netns, if a killed `lab up` made it and got no further
    lock->remove_state_dir();
    return std::string("lab is not up; nothing to remove");
  }
  std::string line = "lab down: removed " + std::to_string(status.present_namespaces.size()) + " namespace(s) with their veths and bridges";
  if (status.state() == "stale") line += " (left by " + status.owner.describe() + ")";
  if (auto e = remove_lab()) return Error{"cannot remove the lab: " + e->message};
  lock->remove_state_dir();
  return line;
}

}  // namespace wirelab::servers
