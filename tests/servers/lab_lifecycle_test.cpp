// `wirelab-cli lab up|down|status` and the lab's life: idempotent, everything removed on down,
// a lab left by a killed process cleaned by the next up or down, refused without privileges.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "corpus_support.hpp"
#include "lab_test_support.hpp"
#include "servers/lab_control.hpp"
#include "servers/lab_network.hpp"
#include "servers/lab_session.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::test {
namespace {

using servers::lab_topology;

std::vector<std::string> all_lab_namespaces() {
  std::vector<std::string> names;
  for (std::string_view n : lab_topology().namespaces()) names.emplace_back(n);
  std::sort(names.begin(), names.end());
  return names;
}

// Forks a child that opens a LabSession (so the lab is up and owned by the child), waits until
// the lab is up, then SIGKILLs the child: no destructor runs. Returns the child's pid.
pid_t bring_lab_up_in_child_and_kill_it() {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(ready[0]);
    auto session = servers::LabSession::open();
    const char byte = session ? 'u' : 'x';
    if (::write(ready[1], &byte, 1) != 1) ::_exit(3);
    for (;;) ::pause();  // killed here, with the lab up
  }
  ::close(ready[1]);
  char byte = 0;
  const bool up = ::read(ready[0], &byte, 1) == 1 && byte == 'u';
  ::close(ready[0]);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  return up ? child : -1;
}

class LabLifecycle : public LabMachineTest {};

TEST_F(LabLifecycle, UpIsIdempotentAndDownLeavesNoNamespaceVethOrBridge) {
  std::string out;
  ASSERT_EQ(run_cli("lab up", out), 0) << out;
  EXPECT_NE(out.find("lab up"), std::string::npos) << out;
  EXPECT_EQ(lab_namespaces_present(), all_lab_namespaces());

  // The bridges and the veths are there, inside the lab's namespaces, not among the machine's links.
  std::string bridges, ports;
  run_command("ip -n wl-sw -o link show type bridge", bridges);
  EXPECT_NE(bridges.find("wl-br0"), std::string::npos) << bridges;
  EXPECT_NE(bridges.find("wl-br1"), std::string::npos) << bridges;
  run_command("ip -n wl-sw -o link show type veth", ports);
  for (const auto& i : lab_topology().interfaces) EXPECT_NE(ports.find(std::string(i.switch_port)), std::string::npos) << ports;
  EXPECT_EQ(machine_net_state().links, before_.links);

  ASSERT_EQ(run_cli("lab status", out), 0) << out;
  EXPECT_EQ(out.rfind("lab: up", 0), 0u) << out;
  ASSERT_EQ(run_cli("lab up", out), 0) << out;
  EXPECT_NE(out.find("already up"), std::string::npos) << out;

  ASSERT_EQ(run_cli("lab down", out), 0) << out;
  EXPECT_TRUE(lab_namespaces_present().empty());
  ASSERT_EQ(run_cli("lab down", out), 0) << out;
  EXPECT_NE(out.find("nothing to remove"), std::string::npos) << out;
  ASSERT_EQ(run_cli("lab status", out), 0) << out;
  EXPECT_EQ(out.rfind("lab: down", 0), 0u) << out;
}

TEST_F(LabLifecycle, LabIsConfiguredAsTheTopologySays) {
  std::string out, machine_forward_before, machine_forward;
  run_command("cat /proc/sys/net/ipv4/ip_forward", machine_forward_before);
  ASSERT_EQ(run_cli("lab up", out), 0) << out;
  const servers::LabStatus status = servers::read_lab_status();
  EXPECT_TRUE(status.complete()) << status.first_problem();
  for (const auto& host : lab_topology().hosts) {
    std::string forward, ipv6;
    run_command("ip netns exec " + std::string(host.netns) + " cat /proc/sys/net/ipv4/ip_forward", forward);
    run_command("ip netns exec " + std::string(host.netns) + " cat /proc/sys/net/ipv6/conf/all/disable_ipv6", ipv6);
    EXPECT_EQ(forward, host.role == servers::LabRole::Router ? "1\n" : "0\n") << host.name;
    EXPECT_EQ(ipv6, "1\n") << host.name;
    std::string v6addrs;
    run_command("ip -n " + std::string(host.netns) + " -6 address show", v6addrs);
    EXPECT_EQ(v6addrs, "") << host.name << " has IPv6 addresses";
  }
  run_command("cat /proc/sys/net/ipv4/ip_forward", machine_forward);
  EXPECT_EQ(machine_forward, machine_forward_before) << "forwarding is switched on inside r only";
  ASSERT_EQ(run_cli("lab down", out), 0) << out;
}

TEST_F(LabLifecycle, PartialLabIsRebuiltByUp) {
  std::string out;
  ASSERT_EQ(run_cli("lab up", out), 0) << out;
  ASSERT_EQ(run_command("ip netns delete wl-c", out), 0);
  ASSERT_EQ(run_cli("lab status", out), 0) << out;
  EXPECT_EQ(out.rfind("lab: partial", 0), 0u) << out;
  ASSERT_EQ(run_cli("lab up", out), 0) << out;
  EXPECT_NE(out.find("removed a partial lab (namespace wl-c is missing)"), std::string::npos) << out;
  EXPECT_TRUE(servers::read_lab_status().complete());
  ASSERT_EQ(run_cli("lab down", out), 0) << out;
}

TEST_F(LabLifecycle, SessionBuildsTheLabAndItsDestructorRemovesIt) {
  {
    auto session = servers::LabSession::open();
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_TRUE((*session)->owns_lab());
    EXPECT_TRUE(servers::read_lab_status().complete());
    EXPECT_EQ(servers::read_lab_owner().kind, servers::LabOwner::Kind::Process);
  }
  EXPECT_TRUE(lab_namespaces_present().empty());
}

TEST_F(LabLifecycle, SessionReusesALabBroughtUpByTheCommandAndLeavesItUp) {
  std::string out;
  ASSERT_EQ(run_cli("lab up", out), 0) << out;
  {
    auto session = servers::LabSession::open();
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_FALSE((*session)->owns_lab());
  }
  EXPECT_EQ(lab_namespaces_present(), all_lab_namespaces());
  ASSERT_EQ(run_cli("lab down", out), 0) << out;
}

TEST_F(LabLifecycle, LabOfAKilledProcessIsRemovedByTheNextDown) {
  const pid_t dead = bring_lab_up_in_child_and_kill_it();
  ASSERT_GT(dead, 0) << "the child could not bring the lab up";
  EXPECT_EQ(lab_namespaces_present(), all_lab_namespaces()) << "SIGKILL ran no destructor: the lab is still there";
  std::string out;
  ASSERT_EQ(run_cli("lab status", out), 0) << out;
  EXPECT_EQ(out.rfind("lab: stale", 0), 0u) << out;
  ASSERT_EQ(run_cli("lab down", out), 0) << out;
  EXPECT_NE(out.find("left by pid " + std::to_string(dead) + " (no longer running)"), std::string::npos) << out;
  EXPECT_TRUE(lab_namespaces_present().empty());
}

TEST_F(LabLifecycle, LabOfAKilledProcessIsRebuiltByTheNextUpAndSession) {
  pid_t dead = bring_lab_up_in_child_and_kill_it();
  ASSERT_GT(dead, 0);
  std::string out;
  ASSERT_EQ(run_cli("lab up", out), 0) << out;
  EXPECT_NE(out.find("removed a stale lab left by pid " + std::to_string(dead)), std::string::npos) << out;
  EXPECT_EQ(servers::read_lab_owner().kind, servers::LabOwner::Kind::Persistent);
  ASSERT_EQ(run_cli("lab down", out), 0) << out;

  dead = bring_lab_up_in_child_and_kill_it();
  ASSERT_GT(dead, 0);
  {
    auto session = servers::LabSession::open();
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_TRUE((*session)->owns_lab());
    EXPECT_NE((*session)->leftovers().find("pid " + std::to_string(dead)), std::string::npos) << (*session)->leftovers();
  }
  EXPECT_TRUE(lab_namespaces_present().empty());
}

TEST(LabPrivileges, RefusedWithoutRootWithAMessageThatNamesTheFix) {
  if (::geteuid() != 0) {
    // Already unprivileged: the real refusal, directly.
    auto up = servers::lab_up(std::chrono::seconds(1));
    ASSERT_FALSE(up);
    EXPECT_NE(up.error().message.find("CAP_SYS_ADMIN"), std::string::npos) << up.error().message;
    return;
  }
  // As root: a child drops to nobody and tries.
  int result[2];
  ASSERT_EQ(::pipe(result), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(result[0]);
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    auto up = servers::lab_up(std::chrono::seconds(1));
    const std::string message = up ? std::string("UP") : up.error().message;
    if (::write(result[1], message.data(), message.size()) < 0) ::_exit(4);
    ::_exit(0);
  }
  ::close(result[1]);
  std::string message;
  char buf[512];
  ssize_t n;
  while ((n = ::read(result[0], buf, sizeof buf)) > 0) message.append(buf, static_cast<std::size_t>(n));
  ::close(result[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_NE(message.find("CAP_SYS_ADMIN"), std::string::npos) << message;
  EXPECT_NE(message.find("run it as root"), std::string::npos) << message;
  EXPECT_NE(message.find("uid 65534"), std::string::npos) << message;
}

}  // namespace
}  // namespace wirelab::test
