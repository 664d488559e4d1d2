// Lesson tests of the raw-socket scenarios, read from the capture.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "datagram_capture_support.hpp"
#include "decode/tcp.hpp"

namespace wirelab::servers {
namespace {

using testing::ipv4_packets;

TEST(RawScenarios, PingShowsRequestsAndMatchingReplies) {
  ScenarioOptions o;
  o.extra = {{"count", "3"}};
  WIRELAB_RUN_SCENARIO(report, "ping", o);
  const auto packets = ipv4_packets(*report);
  ASSERT_EQ(packets.size(), 6u);
  for (std::size_t i = 0; i < packets.size(); i += 2) {
    EXPECT_EQ(packets[i].icmp_type, 8) << "echo request";
    EXPECT_EQ(packets[i + 1].icmp_type, 0) << "echo reply";
    EXPECT_EQ(packets[i + 1].payload, packets[i].payload);
  }
  EXPECT_EQ(std::count_if(report->findings.begin(), report->findings.end(),
                          [](const std::string& f) { return f.find("-> echo reply") != std::string::npos; }),
            3);
}

TEST(RawScenarios, SynProbeShowsSynSynAckRstAndNothingToAccept) {
  ScenarioOptions o;
  o.extra = {{"syns", "3"}};
  WIRELAB_RUN_SCENARIO(report, "syn-probe", o);
  std::uint16_t listen_port = 0;
  for (const auto& e : report->events)
    if (e.actor == "server" && e.call == SocketCall::Bind) listen_port = e.local.port;
  ASSERT_NE(listen_port, 0);
  namespace flag = decode::tcp_flag;
  std::map<std::uint16_t, std::vector<std::uint16_t>> flags_by_probe;  // probe port -> flags in order
  for (const auto& p : ipv4_packets(*report)) {
    ASSERT_EQ(p.ip_proto, 6);
    const std::uint16_t probe = p.src_port == listen_port ? p.dst_port : p.src_port;
    flags_by_probe[probe].push_back(p.tcp_flags);
  }
  ASSERT_EQ(flags_by_probe.size(), 3u);
  for (const auto& [port, flags] : flags_by_probe) {
    EXPECT_EQ(flags, (std::vector<std::uint16_t>{flag::kSyn, flag::kSyn | flag::kAck, flag::kRst})) << "probe port " << port;
  }
  const bool eagain = std::any_of(report->events.begin(), report->events.end(), [](const SocketEvent& e) {
    return e.actor == "server" && e.call == SocketCall::Accept && e.result < 0 &&
           e.detail.find(std::strerror(EAGAIN)) != std::string::npos;
  });
  EXPECT_TRUE(eagain) << "the half-open connections never reach accept()";
}

}  // namespace
}  // namespace wirelab::servers
