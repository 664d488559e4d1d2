// Building and removing the lab network (lab_topology.hpp) on this machine.
//
// How: iproute2's `ip` run with argument vectors (lab_ip_tool.hpp) for namespaces, veth pairs,
// bridges, addresses and routes; sysctls are written from a thread inside each namespace
// (lab_netns.hpp). The veths are created directly in their namespaces (`ip link add ... netns`),
// so no lab interface ever appears in the machine's own namespace.
//
// Everything here expects the caller to hold the LabLock (lab_lock.hpp); LabSession and the
// `lab` command do that.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "decode/result.hpp"
#include "servers/lab_owner.hpp"

namespace wirelab::servers {

// Why this process cannot build the lab (not root / no CAP_SYS_ADMIN, CAP_NET_ADMIN), with the
// fix; nullopt when it can.
std::optional<Error> lab_privilege_problem();

struct LabInterfaceState {
  std::string host;
  std::string name;
  bool present = false;
  bool up = false;     // administratively up with carrier (LOWER_UP)
  std::string mac;     // as the kernel reports it
  std::string address; // "198.18.0.1/24", "" when none
};

struct LabStatus {
  std::vector<std::string> present_namespaces;  // the lab's namespaces that exist now
  std::vector<LabInterfaceState> interfaces;    // every host interface of the topology
  LabOwner owner;
  bool any_present() const { return !present_namespaces.empty(); }
  // Every namespace and interface exists, is up and has its MAC and address.
  bool complete() const { return first_problem().empty(); }
  // What is missing or wrong first ("interface wl-d-eth0 is down"), "" when complete.
  std::string first_problem() const;
  // "up", "down", "partial" (some pieces missing), "stale" (left by a process that died).
  std::string state() const;
};

// Reads the current state (needs no lock; may see a lab half-built by another process).
LabStatus read_lab_status();

// Builds the whole lab from nothing (the caller removed leftovers first). On failure it removes
// what it built and returns the error.
std::optional<Error> build_lab();

// Removes every lab namespace that exists (with its veths and bridges) and /run/netns when the
// lab created it and it is now empty. Safe when nothing exists.
std::optional<Error> remove_lab();

}  // namespace wirelab::servers
