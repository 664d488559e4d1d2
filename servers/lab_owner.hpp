// Who brought the lab up, recorded in /run/wirelab-lab/owner:
//   "persistent"             `wirelab-cli lab up`: stays until `wirelab-cli lab down`;
//   "pid PID START"          a run that brought the lab up for itself: it tears the lab down
//                            when it ends, and if it was killed first, whoever takes the lab
//                            lock next sees the owner is gone and removes the leftovers.
// START is the process's start time (/proc/PID/stat field 22), so a recycled pid is not taken
// for the owner.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

#include "decode/result.hpp"

namespace wirelab::servers {

struct LabOwner {
  enum class Kind { None, Persistent, Process };
  Kind kind = Kind::None;
  pid_t pid = 0;
  std::uint64_t start_time = 0;

  static LabOwner persistent() { return {.kind = Kind::Persistent}; }
  static LabOwner this_process();
  // Persistent: true. Process: that very process still runs. None: false.
  bool alive() const;
  // "wirelab-cli lab up", "pid 1234 (running)", "pid 1234 (gone)", "nobody".
  std::string describe() const;
};

LabOwner read_lab_owner();
std::optional<Error> write_lab_owner(const LabOwner& owner);
void clear_lab_owner();

// `lab up` notes that /run/netns did not exist before it (iproute2 then creates it and makes it
// a mount point), so `lab down` can remove it again and leave /run as it found it.
void note_run_netns_created();
bool run_netns_was_created();

}  // namespace wirelab::servers
