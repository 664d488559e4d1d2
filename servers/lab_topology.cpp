#include "servers/lab_topology.hpp"

#include <algorithm>

namespace wirelab::servers {
namespace {

constexpr std::array<LabSegment, 2> kSegments{{
    {.index = 0, .name = "segment 1", .bridge = "wl-br0", .subnet = "198.18.0.0", .prefix_len = 24,
     .broadcast = "198.18.0.255"},
    {.index = 1, .name = "segment 2", .bridge = "wl-br1", .subnet = "198.18.1.0", .prefix_len = 24,
     .broadcast = "198.18.1.255"},
}};

constexpr std::array<LabHost, 5> kHosts{{
    {.name = "a", .netns = "wl-a", .role = LabRole::Host, .route = LabRoute{"198.18.1.0/24", "198.18.0.254"}},
    {.name = "b", .netns = "wl-b", .role = LabRole::Host, .route = LabRoute{"198.18.1.0/24", "198.18.0.254"}},
    {.name = "c", .netns = "wl-c", .role = LabRole::Host, .route = LabRoute{"198.18.1.0/24", "198.18.0.254"}},
    {.name = "r", .netns = "wl-r", .role = LabRole::Router, .route = std::nullopt},
    {.name = "d", .netns = "wl-d", .role = LabRole::Host, .route = LabRoute{"198.18.0.0/24", "198.18.1.254"}},
}};

constexpr std::array<LabInterface, 6> kInterfaces{{
    {.host = "a", .name = "wl-a-eth0", .switch_port = "wl-sw-a", .segment = 0, .ipv4 = "198.18.0.1",
     .mac = {0x02, 0x77, 0x6c, 0x00, 0x00, 0x01}, .mac_text = "02:77:6c:00:00:01"},
    {.host = "b", .name = "wl-b-eth0", .switch_port = "wl-sw-b", .segment = 0, .ipv4 = "198.18.0.2",
     .mac = {0x02, 0x77, 0x6c, 0x00, 0x00, 0x02}, .mac_text = "02:77:6c:00:00:02"},
    {.host = "c", .name = "wl-c-eth0", .switch_port = "wl-sw-c", .segment = 0, .ipv4 = "198.18.0.3",
     .mac = {0x02, 0x77, 0x6c, 0x00, 0x00, 0x03}, .mac_text = "02:77:6c:00:00:03"},
    {.host = "r", .name = "wl-r-eth0", .switch_port = "wl-sw-r0", .segment = 0, .ipv4 = "198.18.0.254",
     .mac = {0x02, 0x77, 0x6c, 0x00, 0x00, 0xfe}, .mac_text = "02:77:6c:00:00:fe"},
    {.host = "r", .name = "wl-r-eth1", .switch_port = "wl-sw-r1", .segment = 1, .ipv4 = "198.18.1.254",
     .mac = {0x02, 0x77, 0x6c, 0x01, 0x00, 0xfe}, .mac_text = "02:77:6c:01:00:fe"},
    {.host = "d", .name = "wl-d-eth0", .switch_port = "wl-sw-d", .segment = 1, .ipv4 = "198.18.1.1",
     .mac = {0x02, 0x77, 0x6c, 0x01, 0x00, 0x01}, .mac_text = "02:77:6c:01:00:01"},
}};

template <class T, class Pred>
const T* find_in(std::span<const T> items, Pred pred) {
  const auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const LabTopology& lab_topology() {
  static const LabTopology topology{
      .switch_netns = "wl-sw", .segments = kSegments, .hosts = kHosts, .interfaces = kInterfaces};
  return topology;
}

const LabHost* LabTopology::host(std::string_view name) const {
  return find_in(hosts, [&](const LabHost& h) { return h.name == name; });
}

const LabSegment* LabTopology::segment(int index) const {
  return find_in(segments, [&](const LabSegment& s) { return s.index == index; });
}

const LabInterface* LabTopology::interface(std::string_view ifname) const {
  return find_in(interfaces, [&](const LabInterface& i) { return i.name == ifname; });
}

const LabInterface* LabTopology::interface_of(std::string_view host_name, int segment_index) const {
  return find_in(interfaces,
                 [&](const LabInterface& i) { return i.host == host_name && i.segment == segment_index; });
}

const LabInterface* LabTopology::interface_of(std::string_view host_name) const {
  return find_in(interfaces, [&](const LabInterface& i) { return i.host == host_name; });
}

const LabInterface* LabTopology::by_mac(const MacAddress& mac) const {
  return find_in(interfaces, [&](const LabInterface& i) { return i.mac == mac; });
}

const LabInterface* LabTopology::by_ipv4(std::string_view address) const {
  return find_in(interfaces, [&](const LabInterface& i) { return i.ipv4 == address; });
}

std::vector<std::string_view> LabTopology::namespaces() const {
  std::vector<std::string_view> names;
  for (const LabHost& h : hosts) names.push_back(h.netns);
  names.push_back(switch_netns);
  return names;
}

std::optional<LabHop> LabTopology::hop_of(const MacAddress& src, const MacAddress& dst) const {
  const LabInterface* from = by_mac(src);
  if (from == nullptr) return std::nullopt;
  constexpr MacAddress kBroadcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  return LabHop{.segment = from->segment, .from = from, .to = by_mac(dst), .broadcast = dst == kBroadcast};
}

}  // namespace wirelab::servers
