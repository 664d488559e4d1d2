// Lesson tests of the UDP scenarios: what the capture and the journal show.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "datagram_capture_support.hpp"
#include "run_support.hpp"

namespace wirelab::servers {
namespace {

using testing::ipv4_packets;
using testing::SeenPacket;

std::uint16_t server_port(const RunReport& r) {
  for (const auto& e : r.events)
    if (e.actor == "server" && e.call == SocketCall::Bind) return e.local.port;
  return 0;
}

std::size_t count_events(const RunReport& r, std::string_view actor_prefix, SocketCall call) {
  return static_cast<std::size_t>(std::count_if(r.events.begin(), r.events.end(), [&](const SocketEvent& e) {
    return e.call == call && e.actor.rfind(actor_prefix, 0) == 0;
  }));
}

bool any_finding(const RunReport& r, std::string_view text) {
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const std::string& f) { return f.find(text) != std::string::npos; });
}

TEST(UdpScenarios, EchoIsTwoDatagramsPerClientAndNoHandshake) {
  ScenarioOptions o;
  o.clients = 3;
  WIRELAB_RUN_SCENARIO(report, "udp-echo", o);
  const std::uint16_t port = server_port(*report);
  ASSERT_NE(port, 0);
  const auto packets = ipv4_packets(*report);
  ASSERT_EQ(packets.size(), 6u) << "3 requests + 3 echoes, nothing else (no SYN/FIN exists in UDP)";
  for (std::size_t i = 0; i < packets.size(); i += 2) {
    EXPECT_EQ(packets[i].ip_proto, 17);
    EXPECT_EQ(packets[i].dst_port, port);
    EXPECT_EQ(packets[i + 1].src_port, port);
    EXPECT_EQ(packets[i + 1].dst_port, packets[i].src_port) << "the echo goes back to whoever sent";
    EXPECT_EQ(packets[i + 1].payload, packets[i].payload);
  }
  EXPECT_EQ(count_events(*report, "server", SocketCall::RecvFrom), 3u);
  EXPECT_EQ(count_events(*report, "server", SocketCall::SendTo), 3u);
  // Each request was on the wire before the server's recvfrom() returned it.
  std::vector<std::int64_t> recv_ts;
  for (const auto& e : report->events)
    if (e.actor == "server" && e.call == SocketCall::RecvFrom) recv_ts.push_back(e.ts_ns);
  ASSERT_EQ(recv_ts.size(), 3u);
  for (std::size_t i = 0; i < recv_ts.size(); ++i) EXPECT_LE(report->packets[2 * i].ts_ns, recv_ts[i]);
  EXPECT_EQ(report->findings.size(), 4u);
}

TEST(UdpScenarios, ChatRelaysEachMessageToTheOthersOnly) {
  ScenarioOptions o;
  o.clients = 3;
  WIRELAB_RUN_SCENARIO(report, "udp-chat", o);
  const std::uint16_t port = server_port(*report);
  const auto packets = ipv4_packets(*report);
  const auto to_server = std::count_if(packets.begin(), packets.end(), [&](const SeenPacket& p) { return p.dst_port == port; });
  const auto from_server = std::count_if(packets.begin(), packets.end(), [&](const SeenPacket& p) { return p.src_port == port; });
  EXPECT_EQ(to_server, 6) << "3 joins + 3 messages";
  EXPECT_EQ(from_server, 3 + 6) << "joins relayed to 0+1+2 earlier clients, each message to 2 others";
  for (const auto& p : packets) {
    if (p.src_port != port) continue;
    // Never echoed to its sender: no relay carries the receiving client's own words.
    const std::string text(as_chars(Bytes(p.payload.data(), p.payload.size())));
    EXPECT_EQ(text.find("client " + std::to_string(p.dst_port)), std::string::npos);
  }
  EXPECT_TRUE(any_finding(*report, "relayed to 2 of 2 other clients"));
}

TEST(UdpScenarios, BroadcastNeedsSoBroadcastThenOneDatagramReachesEveryListener) {
  ScenarioOptions o;
  o.clients = 3;
  WIRELAB_RUN_SCENARIO(report, "udp-broadcast", o);
  const auto packets = ipv4_packets(*report);
  ASSERT_EQ(packets.size(), 1u) << "the refused send put nothing on the wire; the second is one datagram";
  EXPECT_EQ(packets[0].dst_ip, 0x7fffffffu);
  const bool refused = std::any_of(report->events.begin(), report->events.end(), [](const SocketEvent& e) {
    return e.actor == "sender" && e.call == SocketCall::SendTo && e.err == EACCES;
  });
  EXPECT_TRUE(refused) << "sendto without SO_BROADCAST fails with EACCES";
  EXPECT_EQ(count_events(*report, "listener", SocketCall::RecvFrom), 3u);
  EXPECT_TRUE(any_finding(*report, "3 of 3 listeners"));
}

TEST(UdpScenarios, OverflowShowsEveryDatagramOnTheWireButFewerRead) {
  ScenarioOptions o;
  o.extra = {{"datagrams", "30"}, {"rcvbuf", "4096"}};
  WIRELAB_RUN_SCENARIO(report, "udp-overflow", o);
  const auto packets = ipv4_packets(*report);
  EXPECT_EQ(packets.size(), 30u) << "the capture sees the datagrams before the receive queue drops them; "
                                  << report->stats.describe();
  const std::size_t read = count_events(*report, "receiver", SocketCall::RecvFrom);
  EXPECT_GT(read, 0u);
  EXPECT_LT(read, 30u);
  EXPECT_TRUE(any_finding(*report, "the kernel dropped " + std::to_string(30 - read) + " (SO_MEMINFO)"));
}

TEST(UdpScenarios, BadOptionsAreRefusedWithAMessage) {
  ScenarioOptions o;
  o.extra = {{"datagrams", "lots"}};
  auto report = run_scenario("udp-overflow", o);
  ASSERT_TRUE(report);
  ASSERT_TRUE(report->scenario_error.has_value());
  EXPECT_NE(report->scenario_error->message.find("--datagrams"), std::string::npos);
}

}  // namespace
}  // namespace wirelab::servers

namespace wirelab::servers {
namespace {

// Every UDP, TFTP and raw scenario returns with no fd or thread left behind, and its temporary
// files gone.
TEST(DatagramScenarios, LeaveNoFdThreadOrTempDirBehind) {
  if (const std::string why = test::capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  // A private TMPDIR, so other tests' temporary directories running in parallel do not count.
  std::string tmp = (std::filesystem::temp_directory_path() / "wirelab-leakcheck-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmp.data()), nullptr);
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", tmp.c_str(), 1);
  const test::ResourceCount before = test::count_resources();
  for (const char* name : {"udp-echo", "udp-chat", "udp-broadcast", "udp-overflow", "tftp-get", "tftp-put", "tftp-options",
                           "tftp-error", "ping", "syn-probe"}) {
    auto report = run_scenario(name, ScenarioOptions{});
    ASSERT_TRUE(report) << name << ": " << report.error().message;
    EXPECT_FALSE(report->scenario_error.has_value()) << name << ": " << report->scenario_error->message;
  }
  const test::ResourceCount after = test::count_resources();
  EXPECT_EQ(after.fds, before.fds);
  EXPECT_EQ(after.threads, before.threads);
  EXPECT_TRUE(std::filesystem::is_empty(tmp)) << "a scenario left files in " << tmp;
  if (saved.empty()) {
    ::unsetenv("TMPDIR");
  } else {
    ::setenv("TMPDIR", saved.c_str(), 1);
  }
  std::filesystem::remove_all(tmp);
}

}  // namespace
}  // namespace wirelab::servers
