#include "servers/lab_owner.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "servers/lab_lock.hpp"

namespace wirelab::servers {
namespace {

std::string owner_path() { return std::string(kLabStateDir) + "/owner"; }
std::string run_netns_marker_path() { return std::string(kLabStateDir) + "/created-run-netns"; }

// Field 22 of /proc/PID/stat (starttime, in clock ticks since boot); 0 when the process is gone.
std::uint64_t process_start_time(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close_paren = stat.rfind(')');  // the command name may hold spaces and parentheses
  if (close_paren == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close_paren + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i)  // fields 3 (state) .. 22 (starttime)
    if (!(fields >> field)) return 0;
  try {
    return std::stoull(field);
  } catch (...) {
    return 0;
  }
}

}  // namespace

LabOwner LabOwner::this_process() {
  const pid_t pid = ::getpid();
  return {.kind = Kind::Process, .pid = pid, .start_time = process_start_time(pid)};
}

bool LabOwner::alive() const {
  switch (kind) {
    case Kind::Persistent: return true;
    case Kind::Process: return pid > 0 && process_start_time(pid) == start_time && start_time != 0;
    case Kind::None: return false;
  }
  return false;
}

std::string LabOwner::describe() const {
  switch (kind) {
    case Kind::Persistent: return "`wirelab-cli lab up`";
    case Kind::Process: return "pid " + std::to_string(pid) + (alive() ? " (running)" : " (no longer running)");
    case Kind::None: return "nobody (no owner record)";
  }
  return "?";
}

LabOwner read_lab_owner() {
  std::ifstream in(owner_path());
  std::string word;
  if (!(in >> word)) return {};
  if (word == "persistent") return LabOwner::persistent();
  LabOwner owner{.kind = LabOwner::Kind::Process};
  long long pid = 0;
  if (word == "pid" && (in >> pid >> owner.start_time) && pid > 0) {
    owner.pid = static_cast<pid_t>(pid);
    return owner;
  }
  return {};
}

std::optional<Error> write_lab_owner(const LabOwner& owner) {
  std::ofstream out(owner_path(), std::ios::trunc);
  if (owner.kind == LabOwner::Kind::Persistent) out << "persistent\n";
  else out << "pid " << owner.pid << ' ' << owner.start_time << '\n';
  out.close();
  if (!out) return Error{"cannot write the lab owner record " + owner_path()};
  return std::nullopt;
}

void clear_lab_owner() {
  ::unlink(owner_path().c_str());
  ::unlink(run_netns_marker_path().c_str());
}

void note_run_netns_created() { std::ofstream(run_netns_marker_path()) << "1\n"; }

bool run_netns_was_created() { return ::access(run_netns_marker_path().c_str(), F_OK) == 0; }

}  // namespace wirelab::servers
