// The lab network `wirelab-cli lab up` builds: which hosts, which router, which segments, and
// every interface's name, address and MAC. Plain constant data, so the CLI prints it, the
// scenarios and tests look addresses up in it, and the GUI draws it (hosts, router, segments;
// a packet's hop from its interface and MACs, see hop_of()).
//
//   segment 1: 198.18.0.0/24, bridge wl-br0            segment 2: 198.18.1.0/24, bridge wl-br1
//
//   a  198.18.0.1  wl-a-eth0 ─┐                   r                   ┌─ wl-d-eth0 198.18.1.1  d
//   b  198.18.0.2  wl-b-eth0 ─┼─ wl-br0 ─ wl-r-eth0 198.18.0.254        │
//   c  198.18.0.3  wl-c-eth0 ─┘           wl-r-eth1 198.18.1.254 ─ wl-br1
//
// Every host is a network namespace (wl-a ... wl-d); both bridges live in a namespace of their
// own, the switch wl-sw, so nothing of the lab appears among the machine's interfaces and
// removing the namespaces removes every veth and bridge with them. Addresses come only from
// the benchmarking range 198.18.0.0/15 (RFC 2544), which no real network routes. MACs are
// locally administered and spell the address: 02:77:6c (“wl”):<segment>:00:<last octet>.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace wirelab::servers {

using MacAddress = std::array<std::uint8_t, 6>;

enum class LabRole { Host, Router, Switch };

struct LabSegment {
  int index = 0;                  // 0 for segment 1, 1 for segment 2
  std::string_view name;          // "segment 1"
  std::string_view bridge;        // "wl-br0", inside the switch namespace
  std::string_view subnet;        // "198.18.0.0"
  int prefix_len = 24;
  std::string_view broadcast;     // "198.18.0.255"
};

struct LabInterface {
  std::string_view host;          // "a"
  std::string_view name;          // "wl-a-eth0", inside the host's namespace
  std::string_view switch_port;   // "wl-sw-a": the veth peer, a port of the segment's bridge
  int segment = 0;
  std::string_view ipv4;          // "198.18.0.1"
  MacAddress mac{};
  std::string_view mac_text;      // "02:77:6c:00:00:01", as eth.src prints
};

struct LabRoute {
  std::string_view destination;   // "198.18.1.0/24"
  std::string_view via;           // "198.18.0.254"
};

struct LabHost {
  std::string_view name;          // "a"
  std::string_view netns;         // "wl-a"
  LabRole role = LabRole::Host;
  std::optional<LabRoute> route;  // to the other segment, through r
};

// Where a frame went: captured on `segment`, sent by `from` to `to` (nullptr: broadcast, to
// every host of the segment; also nullptr when the MAC is not a lab interface's).
struct LabHop {
  int segment = 0;
  const LabInterface* from = nullptr;
  const LabInterface* to = nullptr;
  bool broadcast = false;
};

struct LabTopology {
  std::string_view switch_netns;  // "wl-sw"
  std::span<const LabSegment> segments;
  std::span<const LabHost> hosts;
  std::span<const LabInterface> interfaces;

  const LabHost* host(std::string_view name) const;
  const LabSegment* segment(int index) const;
  const LabInterface* interface(std::string_view ifname) const;
  // The interface of `host` on `segment` (r has one on each), or nullptr.
  const LabInterface* interface_of(std::string_view host, int segment) const;
  // The first (for hosts: only) interface of `host`.
  const LabInterface* interface_of(std::string_view host) const;
  const LabInterface* by_mac(const MacAddress& mac) const;
  const LabInterface* by_ipv4(std::string_view address) const;
  // Every namespace the lab creates: the hosts', then the switch's.
  std::vector<std::string_view> namespaces() const;
  // The hop of an Ethernet frame with these addresses, or nullopt when its source is not a lab
  // interface.
  std::optional<LabHop> hop_of(const MacAddress& src, const MacAddress& dst) const;
};

const LabTopology& lab_topology();

}  // namespace wirelab::servers
