#include "servers/lab_network.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netpacket/packet.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "decode/ethernet.hpp"
#include "servers/lab_ip_tool.hpp"
#include "servers/lab_netns.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {
namespace {

constexpr const char* kRunNetns = "/run/netns";

std::string str(std::string_view s) { return std::string(s); }

bool netns_exists(std::string_view netns) { return ::access((std::string(kRunNetns) + "/" + str(netns)).c_str(), F_OK) == 0; }

// Writes a sysctl of `netns` from a thread inside it (/proc/sys/net is per network namespace,
// resolved by the writing thread's namespace). A missing key (IPv6 compiled out) is fine.
std::optional<Error> write_sysctl(std::string_view netns, const std::string& key, const std::string& value) {
  auto written = run_in_netns(netns, [&]() -> std::optional<Error> {
    const std::string path = "/proc/sys/" + key;
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (f == nullptr) {
      if (errno == ENOENT) return std::nullopt;
      return Error{"cannot write " + path + " in " + str(netns) + ": " + std::strerror(errno)};
    }
    const bool ok = std::fputs(value.c_str(), f) >= 0;
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) return Error{"cannot write " + path + " in " + str(netns) + ": " + std::strerror(errno)};
    return std::nullopt;
  });
  if (!written) return written.error();
  return *written;
}

// The interfaces of one namespace as getifaddrs() sees them from inside it.
std::map<std::string, LabInterfaceState> read_interfaces(std::string_view netns) {
  auto read = run_in_netns(netns, [] {
    std::map<std::string, LabInterfaceState> found;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return found;
    for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
      LabInterfaceState& s = found[i->ifa_name];
      s.name = i->ifa_name;
      s.present = true;
      s.up = (i->ifa_flags & IFF_UP) != 0 && (i->ifa_flags & IFF_RUNNING) != 0;
      if (i->ifa_addr == nullptr) continue;
      if (i->ifa_addr->sa_family == AF_PACKET) {
        sockaddr_ll ll{};
        std::memcpy(&ll, i->ifa_addr, sizeof ll);
        if (ll.sll_halen == 6) s.mac = decode::mac_text(std::as_bytes(std::span(ll.sll_addr).first<6>()));
      } else if (i->ifa_addr->sa_family == AF_INET && i->ifa_netmask != nullptr) {
        sockaddr_in addr{}, mask{};
        std::memcpy(&addr, i->ifa_addr, sizeof addr);
        std::memcpy(&mask, i->ifa_netmask, sizeof mask);
        char text[INET_ADDRSTRLEN];
        ::inet_ntop(AF_INET, &addr.sin_addr, text, sizeof text);
        s.address = std::string(text) + "/" + std::to_string(std::popcount(ntohl(mask.sin_addr.s_addr)));
      }
    }
    ::freeifaddrs(list);
    return found;
  });
  return read ? *read : std::map<std::string, LabInterfaceState>{};
}

// Removes /run/netns when `lab up` created it and no namespace (of anyone) is left in it.
void remove_run_netns_if_ours() {
  if (!run_netns_was_created()) return;
  if (::rmdir(kRunNetns) == 0 || errno == ENOENT) return;
  if (errno == EBUSY && ::umount2(kRunNetns, MNT_DETACH) == 0) ::rmdir(kRunNetns);
}

std::optional<Error> build_steps() {
  const LabTopology& lab = lab_topology();
  if (::access(kRunNetns, F_OK) != 0) note_run_netns_created();
  for (std::string_view ns : lab.namespaces()) {
    if (auto e = run_ip({"netns", "add", str(ns)})) return e;
    // Before any link exists, so no lab interface ever gets an IPv6 address, sends a router
    // solicitation or an MLD report: only what a scenario sends is on the wire.
    if (auto e = write_sysctl(ns, "net/ipv6/conf/all/disable_ipv6", "1")) return e;
    if (auto e = write_sysctl(ns, "net/ipv6/conf/default/disable_ipv6", "1")) return e;
    if (auto e = run_ip({"-n", str(ns), "link", "set", "lo", "up"})) return e;
  }
  const std::string sw = str(lab.switch_netns);
  for (const LabSegment& seg : lab.segments) {
    if (auto e = run_ip({"-n", sw, "link", "add", str(seg.bridge), "type", "bridge", "stp_state", "0"})) return e;
    if (auto e = run_ip({"-n", sw, "link", "set", str(seg.bridge), "up"})) return e;
  }
  for (const LabInterface& i : lab.interfaces) {
    const LabHost& host = *lab.host(i.host);
    const LabSegment& seg = *lab.segment(i.segment);
    const std::string ns = str(host.netns);
    if (auto e = run_ip({"-n", sw, "link", "add", str(i.switch_port), "type", "veth", "peer", "name", str(i.name),
                         "address", str(i.mac_text), "netns", ns}))
      return e;
    if (auto e = run_ip({"-n", sw, "link", "set", str(i.switch_port), "master", str(seg.bridge), "up"})) return e;
    if (auto e = run_ip({"-n", ns, "address", "add", str(i.ipv4) + "/" + std::to_string(seg.prefix_len), "broadcast",
                         str(seg.broadcast), "dev", str(i.name)}))
      return e;
    if (auto e = run_ip({"-n", ns, "link", "set", str(i.name), "up"})) return e;
  }
  for (const LabHost& host : lab.hosts) {
    if (host.route)
      if (auto e = run_ip({"-n", str(host.netns), "route", "add", str(host.route->destination), "via",
                           str(host.route->via)}))
        return e;
    if (host.role == LabRole::Router)
      if (auto e = write_sysctl(host.netns, "net/ipv4/ip_forward", "1")) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> lab_privilege_problem() {
  std::ifstream status("/proc/self/status");
  std::string line;
  unsigned long long effective = 0;
  while (std::getline(status, line))
    if (line.rfind("CapEff:", 0) == 0) effective = std::stoull(line.substr(7), nullptr, 16);
  constexpr unsigned kCapNetAdmin = 12, kCapSysAdmin = 21;
  const bool net_admin = (effective >> kCapNetAdmin) & 1U, sys_admin = (effective >> kCapSysAdmin) & 1U;
  if (net_admin && sys_admin) return std::nullopt;
  return Error{std::string("the lab needs to create network namespaces, which takes CAP_SYS_ADMIN and CAP_NET_ADMIN; "
                           "this process (uid ") +
               std::to_string(::geteuid()) + ") lacks " +
               (sys_admin ? "CAP_NET_ADMIN" : net_admin ? "CAP_SYS_ADMIN" : "both") +
               ": run it as root, e.g. `sudo wirelab-cli lab up` (in a container: --cap-add SYS_ADMIN --cap-add "
               "NET_ADMIN, or --privileged)"};
}

std::string LabStatus::first_problem() const {
  for (std::string_view ns : lab_topology().namespaces())
    if (std::find(present_namespaces.begin(), present_namespaces.end(), ns) == present_namespaces.end())
      return "namespace " + str(ns) + " is missing";
  for (const LabInterfaceState& s : interfaces) {
    const LabInterface& want = *lab_topology().interface(s.name);
    const std::string address = str(want.ipv4) + "/" + std::to_string(lab_topology().segment(want.segment)->prefix_len);
    if (!s.present) return "interface " + s.name + " is missing in " + str(lab_topology().host(want.host)->netns);
    if (!s.up) return "interface " + s.name + " is down (or has no carrier)";
    if (s.mac != want.mac_text) return "interface " + s.name + " has MAC " + s.mac + ", not " + str(want.mac_text);
    if (s.address != address) return "interface " + s.name + " has address \"" + s.address + "\", not " + address;
  }
  return "";
}

std::string LabStatus::state() const {
  if (!any_present()) return "down";
  if (owner.kind == LabOwner::Kind::Process && !owner.alive()) return "stale";
  return complete() ? "up" : "partial";
}

LabStatus read_lab_status() {
  const LabTopology& lab = lab_topology();
  LabStatus status;
  status.owner = read_lab_owner();
  for (std::string_view ns : lab.namespaces())
    if (netns_exists(ns)) status.present_namespaces.emplace_back(ns);
  for (const LabHost& host : lab.hosts) {
    const auto seen = netns_exists(host.netns) ? read_interfaces(host.netns) : std::map<std::string, LabInterfaceState>{};
    for (const LabInterface& i : lab.interfaces) {
      if (i.host != host.name) continue;
      const auto it = seen.find(str(i.name));
      LabInterfaceState s = it != seen.end() ? it->second : LabInterfaceState{};
      s.host = str(i.host);
      s.name = str(i.name);
      status.interfaces.push_back(std::move(s));
    }
  }
  return status;
}

std::optional<Error> build_lab() {
  if (auto e = lab_privilege_problem()) return e;
  if (auto tool = find_ip_tool(); !tool) return tool.error();
  if (auto e = build_steps()) {
    remove_lab();
    return Error{"cannot build the lab: " + e->message};
  }
  if (const std::string problem = read_lab_status().first_problem(); !problem.empty()) {
    remove_lab();
    return Error{"the lab was built but does not look as it should: " + problem};
  }
  return std::nullopt;
}

std::optional<Error> remove_lab() {
  std::optional<Error> first_error;
  for (std::string_view ns : lab_topology().namespaces()) {
    if (!netns_exists(ns)) continue;
    if (auto e = run_ip({"netns", "delete", str(ns)}); e && !first_error) first_error = e;
  }
  remove_run_netns_if_ours();
  return first_error;
}

}  // namespace wirelab::servers
