// Shared by the lab tests: the root-only skip, the machine's network state before and after
// (so every test proves it left the machine as it found it), running wirelab-cli.
#pragma once
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace wirelab::test {

// Why lab tests cannot run here (not root, no CAP_SYS_ADMIN/CAP_NET_ADMIN), or nullopt.
std::optional<std::string> lab_skip_reason();

// What a lab could leave behind on the machine: namespaces, interfaces of the machine's own
// namespace, /run/netns (and whether it is a mount point), /run/wirelab-lab.
struct MachineNetState {
  std::vector<std::string> namespaces;  // `ip netns list`, names only
  std::vector<std::string> links;       // `ip -o link show`, names only
  bool run_netns_exists = false;
  bool run_netns_mounted = false;
  bool lab_state_dir_exists = false;
  bool operator==(const MachineNetState&) const = default;
};
MachineNetState machine_net_state();
std::ostream& operator<<(std::ostream& os, const MachineNetState& s);
// Lab namespaces (wl-*) among `ip netns list`.
std::vector<std::string> lab_namespaces_present();

// Runs `wirelab-cli ARGS` (stderr merged into the output); returns the exit status.
int run_cli(const std::string& args, std::string& output);

// Base for tests that build and remove the lab themselves: waits for the lab tests of other
// test processes (ctest -j runs several at once; there is one lab per machine), skips without
// privileges or when a lab is already up (it belongs to someone: the test would take it down),
// and checks in TearDown that the machine is exactly as SetUp found it.
class LabMachineTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  MachineNetState before_;
  bool checked_ = false;
  int test_mutex_ = -1;  // lab tests of parallel test processes (ctest -j) take turns
};

}  // namespace wirelab::test
