#include "lab_test_support.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <sstream>

#include "corpus_support.hpp"
#include "servers/lab_network.hpp"

namespace wirelab::test {
namespace {

// First word of every line ("wl-a (id: 3)" -> "wl-a"; "2: eth0@if3: <...>" -> "eth0").
std::vector<std::string> names(const std::string& text, bool link_format) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string word;
    if (link_format) words >> word;  // "2:"
    if (!(words >> word)) continue;
    if (link_format) {
      word = word.substr(0, word.find_first_of(":@"));
    }
    out.push_back(word);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool mounted(const std::string& path) {
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string w;
    for (int i = 0; i < 5 && (words >> w); ++i) {
    }
    if (w == path) return true;
  }
  return false;
}

// A machine-wide mutex that leaves no file behind and dies with its holder: a bound
// abstract-namespace unix socket. Waits up to two minutes; -1 when it never came free.
int take_lab_test_mutex() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  constexpr char kName[] = "wirelab-lab-tests";
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  std::memcpy(sa.sun_path + 1, kName, sizeof kName - 1);  // sun_path[0] == 0: abstract
  const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + sizeof kName - 1);
  while (std::chrono::steady_clock::now() < deadline) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&sa), len) == 0) return fd;
    ::close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

}  // namespace

std::optional<std::string> lab_skip_reason() {
  if (auto e = servers::lab_privilege_problem())
    return "lab tests need root (they create network namespaces; CI runs them as root): " + e->message;
  return std::nullopt;
}

MachineNetState machine_net_state() {
  MachineNetState s;
  std::string out;
  run_command("ip netns list 2>/dev/null", out);
  s.namespaces = names(out, false);
  run_command("ip -o link show 2>/dev/null", out);
  s.links = names(out, true);
  s.run_netns_exists = ::access("/run/netns", F_OK) == 0;
  s.run_netns_mounted = mounted("/run/netns");
  s.lab_state_dir_exists = ::access("/run/wirelab-lab", F_OK) == 0;
  return s;
}

std::ostream& operator<<(std::ostream& os, const MachineNetState& s) {
  os << "namespaces [";
  for (const auto& n : s.namespaces) os << ' ' << n;
  os << " ] links [";
  for (const auto& n : s.links) os << ' ' << n;
  return os << " ] /run/netns " << (s.run_netns_exists ? "exists" : "absent") << (s.run_netns_mounted ? " (mounted)" : "")
            << ", /run/wirelab-lab " << (s.lab_state_dir_exists ? "exists" : "absent");
}

std::vector<std::string> lab_namespaces_present() {
  std::vector<std::string> lab;
  for (const std::string& n : machine_net_state().namespaces)
    if (n.rfind("wl-", 0) == 0) lab.push_back(n);
  return lab;
}

int run_cli(const std::string& args, std::string& output) {
  return run_command(std::string(WIRELAB_CLI_PATH) + " " + args + " 2>&1", output);
}

void LabMachineTest::SetUp() {
  if (auto why = lab_skip_reason()) GTEST_SKIP() << *why;
  test_mutex_ = take_lab_test_mutex();
  ASSERT_GE(test_mutex_, 0) << "another process ran lab tests for two minutes without finishing";
  if (!lab_namespaces_present().empty())
    GTEST_SKIP() << "a lab is up already (`wirelab-cli lab status`); this test builds and removes its own and would "
                    "take that one down: run `wirelab-cli lab down` first";
  before_ = machine_net_state();
  checked_ = true;
}

void LabMachineTest::TearDown() {
  struct Release {
    int fd;
    ~Release() {
      if (fd >= 0) ::close(fd);
    }
  } release{test_mutex_};
  test_mutex_ = -1;
  if (!checked_) return;
  const MachineNetState after = machine_net_state();
  EXPECT_EQ(after, before_) << "the test left the machine's network state changed";
  if (after != before_) {  // still leave the machine clean for the next test
    std::string out;
    run_cli("lab down", out);
  }
}

}  // namespace wirelab::test
