#include "servers/lab_status_report.hpp"

#include <cstdio>

#include "servers/lab_network.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

std::string_view role_name(LabRole r) {
  switch (r) {
    case LabRole::Host: return "host";
    case LabRole::Router: return "router";
    case LabRole::Switch: return "switch";
  }
  return "?";
}

// printf into a std::string (the table is aligned with printf widths).
template <class... Args>
std::string format(const char* fmt, Args... args) {
  const int n = std::snprintf(nullptr, 0, fmt, args...);
  std::string out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  std::snprintf(out.data(), out.size() + 1, fmt, args...);
  return out;
}

std::string str(std::string_view s) { return std::string(s); }

}  // namespace

std::string lab_status_report() {
  const LabTopology& lab = lab_topology();
  const LabStatus status = read_lab_status();
  const std::string state = status.state();
  std::string out = "lab: " + state;
  if (status.any_present()) out += " (brought up by " + status.owner.describe() + ")";
  out += "\n";
  if (state == "stale") out += "  its owner is gone: `wirelab-cli lab down` (or the next `lab up`) removes it\n";
  if (state == "partial") out += "  " + status.first_problem() + ": `wirelab-cli lab up` rebuilds it, `lab down` removes it\n";
  for (const LabSegment& seg : lab.segments)
    out += format("%s: %s/%d, broadcast %s, bridge %s in namespace %s\n", str(seg.name).c_str(), str(seg.subnet).c_str(),
                  seg.prefix_len, str(seg.broadcast).c_str(), str(seg.bridge).c_str(), str(lab.switch_netns).c_str());
  out += format("%-4s %-6s %-9s %-10s %-16s %-17s %-9s %s\n", "host", "role", "namespace", "interface", "address", "mac",
                "segment", "state");
  for (const LabInterfaceState& s : status.interfaces) {
    const LabInterface& i = *lab.interface(s.name);
    const LabHost& h = *lab.host(i.host);
    const std::string address = str(i.ipv4) + "/" + std::to_string(lab.segment(i.segment)->prefix_len);
    const char* link = !s.present ? "absent" : s.up ? "up" : "down";
    out += format("%-4s %-6s %-9s %-10s %-16s %-17s %-9d %s\n", str(h.name).c_str(), str(role_name(h.role)).c_str(),
                  str(h.netns).c_str(), s.name.c_str(), address.c_str(), str(i.mac_text).c_str(), i.segment + 1, link);
  }
  return out;
}

}  // namespace wirelab::servers
