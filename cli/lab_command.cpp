// wirelab-cli lab up|down|status: the lab network of namespaced hosts (servers/lab_*.hpp).
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "servers/lab_control.hpp"
#include "servers/lab_network.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::cli {
namespace {

constexpr std::chrono::seconds kWaitForLock{10};

std::string_view role_name(servers::LabRole r) {
  switch (r) {
    case servers::LabRole::Host: return "host";
    case servers::LabRole::Router: return "router";
    case servers::LabRole::Switch: return "switch";
  }
  return "?";
}

int print_status() {
  const servers::LabTopology& lab = servers::lab_topology();
  const servers::LabStatus status = servers::read_lab_status();
  const std::string state = status.state();
  std::printf("lab: %s", state.c_str());
  if (status.any_present()) std::printf(" (brought up by %s)", status.owner.describe().c_str());
  std::printf("\n");
  if (state == "stale") std::printf("  its owner is gone: `wirelab-cli lab down` (or the next `lab up`) removes it\n");
  if (state == "partial") std::printf("  %s: `wirelab-cli lab up` rebuilds it, `lab down` removes it\n", status.first_problem().c_str());
  for (const servers::LabSegment& seg : lab.segments)
    std::printf("%s: %.*s/%d, broadcast %.*s, bridge %.*s in namespace %.*s\n", std::string(seg.name).c_str(),
                static_cast<int>(seg.subnet.size()), seg.subnet.data(), seg.prefix_len,
                static_cast<int>(seg.broadcast.size()), seg.broadcast.data(), static_cast<int>(seg.bridge.size()),
                seg.bridge.data(), static_cast<int>(lab.switch_netns.size()), lab.switch_netns.data());
  std::printf("%-4s %-6s %-9s %-10s %-16s %-17s %-9s %s\n", "host", "role", "namespace", "interface", "address", "mac",
              "segment", "state");
  for (const servers::LabInterfaceState& s : status.interfaces) {
    const servers::LabInterface& i = *lab.interface(s.name);
    const servers::LabHost& h = *lab.host(i.host);
    const std::string address = std::string(i.ipv4) + "/" + std::to_string(lab.segment(i.segment)->prefix_len);
    const char* link = !s.present ? "absent" : s.up ? "up" : "down";
    std::printf("%-4s %-6s %-9s %-10s %-16s %-17s %-9d %s\n", std::string(h.name).c_str(),
                std::string(role_name(h.role)).c_str(), std::string(h.netns).c_str(), s.name.c_str(), address.c_str(),
                std::string(i.mac_text).c_str(), i.segment + 1, link);
  }
  return 0;
}

}  // namespace

int run_lab(const Options& opts) {
  if (opts.args.size() != 1 || !opts.extra.empty()) {
    std::fprintf(stderr, "wirelab-cli: lab takes one of: up, down, status\n");
    return 2;
  }
  const std::string& what = opts.args[0];
  if (what == "status") return print_status();
  if (what != "up" && what != "down") {
    std::fprintf(stderr, "wirelab-cli: lab takes one of: up, down, status (not \"%s\")\n", what.c_str());
    return 2;
  }
  auto done = what == "up" ? servers::lab_up(kWaitForLock) : servers::lab_down(kWaitForLock);
  if (!done) {
    std::fprintf(stderr, "wirelab-cli: lab %s: %s\n", what.c_str(), done.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", done->c_str());
  return 0;
}

}  // namespace wirelab::cli
