// Each lab scenario's lesson, asserted from the frames it captured on the lab's interfaces.
// Root only (the run builds the lab); each run brings the lab up and removes it again.
#include <gtest/gtest.h>

#include <algorithm>

#include "lab_frames_support.hpp"
#include "lab_test_support.hpp"
#include "servers/lab_scenario.hpp"
#include "servers/lab_socket.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::test {
namespace {

using servers::lab_topology;

std::string mac_of(std::string_view host, int segment = -1) {
  const auto* i = segment < 0 ? lab_topology().interface_of(host) : lab_topology().interface_of(host, segment);
  return std::string(i->mac_text);
}
std::string ip_of(std::string_view host, int segment = -1) {
  const auto* i = segment < 0 ? lab_topology().interface_of(host) : lab_topology().interface_of(host, segment);
  return std::string(i->ipv4);
}
constexpr const char* kBroadcastMac = "ff:ff:ff:ff:ff:ff";

bool has_finding(const servers::LabRunReport& r, const std::string& text) {
  return std::any_of(r.run.findings.begin(), r.run.findings.end(),
                     [&](const std::string& f) { return f.find(text) != std::string::npos; });
}

std::string findings(const servers::LabRunReport& r) {
  std::string s;
  for (const auto& f : r.run.findings) s += "  " + f + "\n";
  return s;
}

class LabScenarios : public LabMachineTest {
 protected:
  // Runs the scenario; on success the report's frames, parsed.
  std::vector<LabFrame> run(const std::string& name) {
    auto r = servers::run_lab_scenario(name, servers::ScenarioOptions{});
    if (!r) {
      ADD_FAILURE() << name << ": " << r.error().message;
      return {};
    }
    report_ = std::move(*r);
    EXPECT_FALSE(report_.run.scenario_error) << name << ": " << report_.run.scenario_error->message;
    EXPECT_EQ(report_.run.stats.queue_dropped + report_.run.stats.kernel_dropped, 0u);
    return lab_frames(report_);
  }
  servers::LabRunReport report_;
};

// Who-has from a for b (broadcast), then is-at from b to a (unicast).
bool is_who_has_a_to_b(const LabFrame& f) {
  return f.arp_op == 1 && f.eth_dst == kBroadcastMac && f.arp_sender_ip == ip_of("a") && f.arp_target_ip == ip_of("b");
}
bool is_is_at_b_to_a(const LabFrame& f) {
  return f.arp_op == 2 && f.eth_dst == mac_of("a") && f.arp_sender_ip == ip_of("b") && f.arp_sender_mac == mac_of("b");
}

TEST_F(LabScenarios, ArpResolvesBeforeTheFirstPacketThenTheCacheAnswersUntilFlushed) {
  const auto frames = run("arp");
  ASSERT_FALSE(frames.empty());
  // Split the capture at the three datagrams.
  std::vector<std::vector<LabFrame>> before(3);
  std::size_t datagram = 0;
  for (const LabFrame& f : frames) {
    if (f.is_udp()) {
      ASSERT_LT(datagram, 3u) << describe(frames);
      EXPECT_EQ(f.eth_dst, mac_of("b")) << "the datagram goes to b's MAC, learned by ARP";
      ++datagram;
    } else if (datagram < 3) {
      before[datagram].push_back(f);
    }
  }
  ASSERT_EQ(datagram, 3u) << describe(frames);
  // First contact: exactly one who-has / is-at pair, in that order, before the IP packet.
  ASSERT_EQ(before[0].size(), 2u) << describe(frames);
  EXPECT_TRUE(is_who_has_a_to_b(before[0][0])) << describe(frames);
  EXPECT_TRUE(is_is_at_b_to_a(before[0][1])) << describe(frames);
  // Second contact: no ARP at all, the cache answers.
  EXPECT_TRUE(before[1].empty()) << describe(frames);
  // After `ip neigh flush`: ARP again.
  ASSERT_EQ(before[2].size(), 2u) << describe(frames);
  EXPECT_TRUE(is_who_has_a_to_b(before[2][0])) << describe(frames);
  EXPECT_TRUE(is_is_at_b_to_a(before[2][1])) << describe(frames);
  EXPECT_TRUE(has_finding(report_, "first contact: a's ARP cache now holds 198.18.0.2 dev wl-a-eth0 lladdr " +
                                       mac_of("b")))
      << findings(report_);
}

TEST_F(LabScenarios, GratuitousArpReachesTheSegmentAndMovesBsCache) {
  const auto frames = run("gratuitous-arp");
  const std::string moved = "02:77:6c:00:01:01";
  for (const char* iface : {"wl-b-eth0", "wl-c-eth0"}) {
    const auto seen = frames_on(frames, iface);
    const auto garp = std::find_if(seen.begin(), seen.end(), [&](const LabFrame& f) {
      return f.arp_op == 1 && f.arp_sender_ip == ip_of("a") && f.arp_target_ip == ip_of("a") &&
             f.arp_sender_mac == moved && f.eth_dst == kBroadcastMac && f.arp_target_mac == "00:00:00:00:00:00";
    });
    EXPECT_NE(garp, seen.end()) << iface << " did not see a's announcement\n" << describe(frames);
  }
  // On b: the datagram after the announcement goes to the new MAC, and b asked nothing before it.
  const auto on_b = frames_on(frames, "wl-b-eth0");
  const auto garp = std::find_if(on_b.begin(), on_b.end(), [&](const LabFrame& f) { return f.arp_sender_mac == moved; });
  ASSERT_NE(garp, on_b.end()) << describe(frames);
  const auto after = std::find_if(garp, on_b.end(), [](const LabFrame& f) { return f.payload == "after the move"; });
  ASSERT_NE(after, on_b.end()) << describe(frames);
  EXPECT_EQ(after->eth_dst, moved);
  EXPECT_EQ(after->eth_src, mac_of("b"));
  EXPECT_TRUE(std::none_of(garp + 1, after, [](const LabFrame& f) { return f.arp_op == 1; })) << describe(frames);
  // c heard the announcement but keeps no entry; a moved back at the end.
  EXPECT_TRUE(has_finding(report_, "b's cache after the announcement: 198.18.0.1 dev wl-b-eth0 lladdr " + moved))
      << findings(report_);
  EXPECT_TRUE(has_finding(report_, "c's cache after the announcement: no entry")) << findings(report_);
  EXPECT_TRUE(std::any_of(on_b.begin(), on_b.end(), [&](const LabFrame& f) {
    return f.arp_op == 1 && f.arp_sender_ip == ip_of("a") && f.arp_target_ip == ip_of("a") && f.arp_sender_mac == mac_of("a");
  })) << "a announces its original MAC when it moves back\n" << describe(frames);
}

TEST_F(LabScenarios, BroadcastReachesBAndCButNotDBehindTheRouter) {
  const auto frames = run("udp-broadcast");
  for (const char* iface : {"wl-b-eth0", "wl-c-eth0"}) {
    const auto seen = frames_on(frames, iface);
    ASSERT_EQ(seen.size(), 2u) << iface << "\n" << describe(frames);
    EXPECT_EQ(seen[0].ip_dst, "198.18.0.255");
    EXPECT_EQ(seen[1].ip_dst, "255.255.255.255");
    for (const LabFrame& f : seen) {
      EXPECT_EQ(f.eth_dst, kBroadcastMac);
      EXPECT_EQ(f.ip_src, ip_of("a"));
    }
  }
  EXPECT_TRUE(frames_on(frames, "wl-d-eth0").empty()) << describe(frames);
  EXPECT_EQ(frames_on(frames, "wl-a-eth0").size(), 2u) << describe(frames);
  EXPECT_TRUE(has_finding(report_, "b received 2 of the 2 broadcasts")) << findings(report_);
  EXPECT_TRUE(has_finding(report_, "c received 2 of the 2 broadcasts")) << findings(report_);
  EXPECT_TRUE(has_finding(report_, "d received 0 of the 2 broadcasts")) << findings(report_);
}

TEST_F(LabScenarios, PortUnreachableQuotesTheDatagram) {
  const auto frames = run("port-unreachable");
  const auto udp = std::find_if(frames.begin(), frames.end(), [](const LabFrame& f) { return f.is_udp(); });
  const auto icmp = std::find_if(frames.begin(), frames.end(), [](const LabFrame& f) { return f.is_icmp(); });
  ASSERT_NE(udp, frames.end()) << describe(frames);
  ASSERT_NE(icmp, frames.end()) << describe(frames);
  EXPECT_LT(udp->ts_ns, icmp->ts_ns);
  EXPECT_EQ(udp->ip_src, ip_of("a"));
  EXPECT_EQ(udp->ip_dst, ip_of("b"));
  EXPECT_EQ(icmp->icmp_type, 3);
  EXPECT_EQ(icmp->icmp_code, 3);
  EXPECT_EQ(icmp->ip_src, ip_of("b"));
  EXPECT_EQ(icmp->ip_dst, ip_of("a"));
  // The quote: the datagram's IP header and UDP header (RFC 792's minimum: header + 8 bytes),
  // byte for byte; Linux quotes the whole of this small datagram.
  EXPECT_EQ(icmp->quoted.ip_src, ip_of("a"));
  EXPECT_EQ(icmp->quoted.ip_dst, ip_of("b"));
  EXPECT_EQ(icmp->quoted.proto, 17);
  EXPECT_EQ(icmp->quoted.src_port, udp->src_port);
  EXPECT_EQ(icmp->quoted.dst_port, udp->dst_port);
  ASSERT_GE(icmp->quoted.bytes.size(), 28u);
  EXPECT_TRUE(std::equal(udp->ip_packet.begin(), udp->ip_packet.begin() + 28, icmp->quoted.bytes.begin()));
  EXPECT_TRUE(has_finding(report_, "ECONNREFUSED")) << findings(report_);
}

TEST_F(LabScenarios, TtlOneDiesAtTheRouterWithTimeExceededFromRsAddress) {
  const auto frames = run("ttl");
  const auto on_a = frames_on(frames, "wl-a-eth0");
  const auto first = std::find_if(on_a.begin(), on_a.end(), [](const LabFrame& f) { return f.payload == "TTL 1"; });
  ASSERT_NE(first, on_a.end()) << describe(frames);
  EXPECT_EQ(first->ttl, 1);
  EXPECT_EQ(first->eth_dst, mac_of("r", 0)) << "a sends it to its router";
  const auto exceeded = std::find_if(first, on_a.end(), [](const LabFrame& f) { return f.is_icmp(); });
  ASSERT_NE(exceeded, on_a.end()) << describe(frames);
  EXPECT_EQ(exceeded->icmp_type, 11);
  EXPECT_EQ(exceeded->icmp_code, 0);
  EXPECT_EQ(exceeded->ip_src, ip_of("r", 0)) << "time exceeded comes from r's address on a's segment";
  EXPECT_EQ(exceeded->ip_dst, ip_of("a"));
  EXPECT_EQ(exceeded->quoted.ip_dst, ip_of("d"));
  EXPECT_EQ(exceeded->quoted.dst_port, first->dst_port);
  // d sees only the TTL 2 datagram, arriving with TTL 1.
  const auto on_d = frames_on(frames, "wl-d-eth0");
  ASSERT_EQ(on_d.size(), 1u) << describe(frames);
  EXPECT_EQ(on_d[0].payload, "TTL 2");
  EXPECT_EQ(on_d[0].ttl, 1);
  EXPECT_TRUE(has_finding(report_, "ICMP type 11 code 0 from 198.18.0.254")) << findings(report_);
}

TEST_F(LabScenarios, RoutedPacketKeepsItsIpsChangesItsMacsAndLosesOneTtl) {
  const auto frames = run("routed");
  const auto on_a = frames_on(frames, "wl-a-eth0");
  const auto on_d = frames_on(frames, "wl-d-eth0");
  ASSERT_GE(on_a.size(), 6u) << "handshake, data, echo, teardown\n" << describe(frames);
  ASSERT_EQ(on_a.size(), on_d.size()) << "every segment crosses both segments\n" << describe(frames);
  for (const LabFrame& seg1 : on_a) {
    // The same IP packet on segment 2: same ends, ID, sequence number and flags.
    const auto seg2 = std::find_if(on_d.begin(), on_d.end(), [&](const LabFrame& f) {
      return f.ip_src == seg1.ip_src && f.ip_dst == seg1.ip_dst && f.ip_id == seg1.ip_id && f.tcp_seq == seg1.tcp_seq &&
             f.tcp_flags == seg1.tcp_flags;
    });
    ASSERT_NE(seg2, on_d.end()) << "no copy on segment 2 of\n" << describe({seg1});
    EXPECT_EQ(seg2->payload, seg1.payload);
    EXPECT_EQ(seg2->src_port, seg1.src_port);
    EXPECT_NE(seg2->ip_checksum, seg1.ip_checksum) << "r rewrote the header checksum with the TTL";
    if (seg1.ip_src == ip_of("a")) {  // a -> d: seen on segment 1 first
      EXPECT_EQ(seg2->ttl, seg1.ttl - 1);
      EXPECT_EQ(seg1.eth_src, mac_of("a"));
      EXPECT_EQ(seg1.eth_dst, mac_of("r", 0));
      EXPECT_EQ(seg2->eth_src, mac_of("r", 1));
      EXPECT_EQ(seg2->eth_dst, mac_of("d"));
      EXPECT_LT(seg1.ts_ns, seg2->ts_ns);
    } else {  // d -> a
      EXPECT_EQ(seg1.ttl, seg2->ttl - 1);
      EXPECT_EQ(seg2->eth_src, mac_of("d"));
      EXPECT_EQ(seg2->eth_dst, mac_of("r", 1));
      EXPECT_EQ(seg1.eth_src, mac_of("r", 0));
      EXPECT_EQ(seg1.eth_dst, mac_of("a"));
      EXPECT_LT(seg2->ts_ns, seg1.ts_ns);
    }
  }
  EXPECT_TRUE(std::any_of(on_a.begin(), on_a.end(), [](const LabFrame& f) { return f.payload == "hello d, this is a, through r"; }));
  EXPECT_TRUE(std::is_sorted(frames.begin(), frames.end(), [](const LabFrame& x, const LabFrame& y) { return x.ts_ns < y.ts_ns; }))
      << "the two interfaces are merged in time order";
}

TEST_F(LabScenarios, ServersEchoRunsBetweenLabHostsAfterArp) {
  servers::ScenarioOptions options;
  options.model = "epoll-lt";
  options.clients = 2;
  auto r = servers::run_lab_scenario("echo", options);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_FALSE(r->run.scenario_error) << r->run.scenario_error->message;
  EXPECT_EQ(r->run.model, "epoll-lt");
  const auto frames = lab_frames(*r);
  for (const char* client : {"a", "c"}) {
    // Each client host resolves b before its SYN, then its segments go to b's MAC.
    const auto syn = std::find_if(frames.begin(), frames.end(), [&](const LabFrame& f) {
      return f.is_tcp() && f.ip_src == ip_of(client) && f.tcp_flags == 0x02;
    });
    ASSERT_NE(syn, frames.end()) << client << "\n" << describe(frames);
    EXPECT_EQ(syn->eth_src, mac_of(client));
    EXPECT_EQ(syn->eth_dst, mac_of("b"));
    EXPECT_TRUE(std::any_of(frames.begin(), syn, [&](const LabFrame& f) {
      return f.arp_op == 1 && f.arp_sender_ip == ip_of(client) && f.arp_target_ip == ip_of("b");
    })) << client << " sent its SYN without asking for b's MAC\n" << describe(frames);
    EXPECT_TRUE(std::any_of(frames.begin(), frames.end(), [&](const LabFrame& f) {
      return f.ip_src == ip_of("b") && f.ip_dst == ip_of(client) && f.payload.find("from client") != std::string::npos;
    })) << "no echo back to " << client << "\n" << describe(frames);
  }
  // The server's journal names its peers by their lab addresses.
  EXPECT_TRUE(std::any_of(r->run.events.begin(), r->run.events.end(), [](const decode::SocketEvent& e) {
    return e.call == decode::SocketCall::Accept && e.peer.ip == servers::parse_ipv4("198.18.0.3");
  }));
}

TEST(LabScenarioRegistry, UnknownLabScenarioNamesTheValidOnes) {
  auto r = servers::run_lab_scenario("no-such", servers::ScenarioOptions{});
  ASSERT_FALSE(r);
  for (const char* name : {"arp", "gratuitous-arp", "udp-broadcast", "port-unreachable", "ttl", "routed"})
    EXPECT_NE(r.error().message.find(name), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace wirelab::test
