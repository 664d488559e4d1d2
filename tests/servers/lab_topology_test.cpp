// The lab's topology description: what the GUI draws and the scenarios look addresses up in.
#include "servers/lab_topology.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <net/if.h>

#include <set>
#include <string>

namespace wirelab::servers {
namespace {

std::uint32_t ipv4(std::string_view text) {
  in_addr a{};
  EXPECT_EQ(::inet_pton(AF_INET, std::string(text).c_str(), &a), 1) << text;
  return ntohl(a.s_addr);
}

TEST(LabTopology, EveryAddressIsInTheBenchmarkingRangeAndOnItsSegment) {
  const LabTopology& lab = lab_topology();
  for (const LabInterface& i : lab.interfaces) {
    EXPECT_EQ(ipv4(i.ipv4) >> 17, ipv4("198.18.0.0") >> 17) << i.ipv4 << " is outside 198.18.0.0/15";
    const LabSegment& seg = *lab.segment(i.segment);
    const std::uint32_t mask = ~0u << (32 - seg.prefix_len);
    EXPECT_EQ(ipv4(i.ipv4) & mask, ipv4(seg.subnet)) << i.name;
    EXPECT_EQ(ipv4(seg.broadcast), ipv4(seg.subnet) | ~mask) << seg.name;
  }
}

TEST(LabTopology, NamesArePrefixedUniqueAndFitTheKernelLimit) {
  const LabTopology& lab = lab_topology();
  std::set<std::string_view> names, macs;
  for (const LabInterface& i : lab.interfaces) {
    for (std::string_view n : {i.name, i.switch_port}) {
      EXPECT_EQ(n.substr(0, 3), "wl-") << n;
      EXPECT_LT(n.size(), std::size_t{IFNAMSIZ}) << n;
      EXPECT_TRUE(names.insert(n).second) << n;
    }
    EXPECT_TRUE(macs.insert(i.mac_text).second) << i.mac_text;
    EXPECT_EQ(i.mac[0] & 0x03, 0x02) << i.mac_text << " must be unicast and locally administered";
  }
  for (std::string_view ns : lab.namespaces()) EXPECT_EQ(ns.substr(0, 3), "wl-") << ns;
  for (const LabSegment& s : lab.segments) EXPECT_EQ(s.bridge.substr(0, 3), "wl-") << s.bridge;
}

TEST(LabTopology, RouterJoinsTheTwoSegmentsAndHostsRouteThroughIt) {
  const LabTopology& lab = lab_topology();
  ASSERT_NE(lab.host("r"), nullptr);
  EXPECT_EQ(lab.host("r")->role, LabRole::Router);
  const LabInterface* r0 = lab.interface_of("r", 0);
  const LabInterface* r1 = lab.interface_of("r", 1);
  ASSERT_TRUE(r0 && r1);
  for (std::string_view h : {"a", "b", "c"}) {
    EXPECT_EQ(lab.interface_of(h)->segment, 0) << h;
    EXPECT_EQ(lab.host(h)->route->via, r0->ipv4) << h;
  }
  EXPECT_EQ(lab.interface_of("d")->segment, 1);
  EXPECT_EQ(lab.host("d")->route->via, r1->ipv4);
}

TEST(LabTopology, HopOfAFrameNamesSenderReceiverAndSegment) {
  const LabTopology& lab = lab_topology();
  const LabInterface& a = *lab.interface_of("a");
  const LabInterface& r1 = *lab.interface_of("r", 1);
  const LabInterface& d = *lab.interface_of("d");
  auto seg1 = lab.hop_of(a.mac, lab.interface_of("r", 0)->mac);
  ASSERT_TRUE(seg1);
  EXPECT_EQ(seg1->segment, 0);
  EXPECT_EQ(seg1->from->host, "a");
  EXPECT_EQ(seg1->to->host, "r");
  auto seg2 = lab.hop_of(r1.mac, d.mac);
  ASSERT_TRUE(seg2);
  EXPECT_EQ(seg2->segment, 1);
  EXPECT_EQ(seg2->to->name, "wl-d-eth0");
  auto broadcast = lab.hop_of(a.mac, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
  ASSERT_TRUE(broadcast);
  EXPECT_TRUE(broadcast->broadcast);
  EXPECT_EQ(broadcast->to, nullptr);
  EXPECT_FALSE(lab.hop_of({0x00, 0x11, 0x22, 0x33, 0x44, 0x55}, a.mac));
  EXPECT_EQ(lab.by_ipv4("198.18.1.254"), &r1);
  EXPECT_EQ(lab.interface("wl-d-eth0"), &d);
}

}  // namespace
}  // namespace wirelab::servers
