// Each TCP scenario's lesson, asserted on the packets the kernel put on lo and on the journal.
#include <gtest/gtest.h>

#include <cerrno>

#include "decode/tcp.hpp"
#include "run_support.hpp"
#include "servers/scenario_list.hpp"

namespace wirelab::test {
namespace {

using decode::SocketCall;
using namespace decode::tcp_flag;

// Runs a scenario with capture; skips the test when capture is not permitted here.
#define RUN_OR_SKIP(report, name, options)                                                   \
  if (const std::string why_ = capture_unavailable_reason(); !why_.empty()) GTEST_SKIP() << why_; \
  const ResourceCount before_ = count_resources();                                           \
  auto report = servers::run_scenario(name, options);                                        \
  ASSERT_TRUE(report) << report.error().message;                                             \
  ASSERT_FALSE(report->scenario_error) << report->scenario_error->message;                   \
  EXPECT_EQ(count_resources().fds, before_.fds) << "no fd left behind";                      \
  EXPECT_EQ(count_resources().threads, before_.threads) << "no thread left behind";          \
  EXPECT_TRUE(no_children())

std::uint16_t server_port_of(const servers::RunReport& r) {
  return static_cast<std::uint16_t>(std::stoi(r.filter.substr(r.filter.rfind(' ') + 1)));
}

bool has_finding(const servers::RunReport& r, const std::string& text) {
  for (const auto& f : r.findings)
    if (f.find(text) != std::string::npos) return true;
  return false;
}

std::string findings(const servers::RunReport& r) {
  std::string all;
  for (const auto& f : r.findings) all += f + "\n";
  return all;
}

TEST(TcpScenario, ChatRelaysEachLineToEveryOtherClient) {
  servers::ScenarioOptions o;
  o.model = "epoll-lt";
  RUN_OR_SKIP(r, "chat", o);
  const std::uint16_t port = server_port_of(*r);
  int relays = 0;
  for (const auto& e : events_of(*r, "server", SocketCall::Send)) relays += e.bytes > 0 && e.bytes != 8;  // 8: "WELCOME\n"
  EXPECT_EQ(relays, 6) << "3 lines x 2 other clients";
  std::size_t to_clients = 0;
  for (const Segment& s : tcp_segments(*r))
    if (s.src_port == port) to_clients += s.payload;
  EXPECT_GT(to_clients, 6u * 20u) << "the relayed lines are on the wire";
  EXPECT_TRUE(has_finding(*r, "6 relayed lines")) << findings(*r);
}

TEST(TcpScenario, ChatRefusesTheForkModelWithAReason) {
  servers::ScenarioOptions o;
  o.model = "fork";
  auto r = servers::run_scenario("chat", o, {.capture = false});
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->scenario_error);
  EXPECT_NE(r->scenario_error->message.find("fork"), std::string::npos);
}

TEST(TcpScenario, FileUploadNeedsPartialSendsAndArrivesWhole) {
  servers::ScenarioOptions o;
  o.model = "epoll-et";
  o.extra["size"] = "1048576";
  RUN_OR_SKIP(r, "file", o);
  const std::uint16_t port = server_port_of(*r);
  // Bytes covered by the client's sequence numbers (a busy machine may retransmit some).
  std::uint32_t isn = 0, highest = 0;
  int data_segments = 0;
  for (const Segment& s : tcp_segments(*r)) {
    if (s.dst_port != port) continue;
    if (s.has(kSyn)) isn = s.seq;
    if (s.payload) {
      ++data_segments;
      const std::uint32_t end = s.seq + static_cast<std::uint32_t>(s.payload) - isn - 1;
      if (end > highest) highest = end;
    }
  }
  EXPECT_EQ(highest, 1048576u) << "the client's sequence space covers exactly the file";
  int partial = 0;
  for (const auto& e : events_of(*r, "client", SocketCall::Send)) partial += e.detail.rfind("partial", 0) == 0;
  EXPECT_GT(partial, 0) << "send() took less than asked at least once (small SO_SNDBUF)";
  EXPECT_GT(data_segments, 1);
  EXPECT_TRUE(has_finding(*r, "the server counted the same bytes and hash")) << findings(*r);
}

TEST(TcpScenario, StickyWritesArriveGluedAndFramingRecoversThem) {
  servers::ScenarioOptions o;
  RUN_OR_SKIP(r, "sticky", o);
  const auto sends = events_of(*r, "client", SocketCall::Send);
  ASSERT_EQ(sends.size(), 20u) << "10 writes per round";
  // Round 1: the first connection's reads.
  const std::uint16_t first_client = sends.front().local.port;
  int round1_reads = 0, round1_segments = 0;
  for (const auto& e : events_of(*r, "server", SocketCall::Recv))
    if (e.peer.port == first_client && e.bytes > 0) ++round1_reads;
  for (const Segment& s : tcp_segments(*r))
    if (s.src_port == first_client && s.payload) ++round1_segments;
  EXPECT_EQ(round1_reads, 1) << "ten writes, one read";
  EXPECT_GE(round1_segments, round1_reads) << "segments are not reads either";
  EXPECT_TRUE(has_finding(*r, "10 messages decoded, all intact")) << findings(*r);
}

TEST(TcpScenario, HeartbeatMissIsDetectedByTheClientAfterTheTimeout) {
  servers::ScenarioOptions o;
  o.model = "coroutine";
  RUN_OR_SKIP(r, "heartbeat", o);
  const std::uint16_t port = server_port_of(*r);
  std::vector<std::int64_t> pings;
  int pongs = 0, rsts = 0;
  std::int64_t client_fin = 0;
  for (const Segment& s : tcp_segments(*r)) {
    if (s.dst_port == port && s.payload) pings.push_back(s.ts_ns);
    if (s.src_port == port && s.payload) ++pongs;
    if (s.dst_port == port && s.has(kFin) && !client_fin) client_fin = s.ts_ns;
    rsts += s.has(kRst);
  }
  ASSERT_EQ(pings.size(), 4u);
  EXPECT_EQ(pongs, 3) << "the fourth PING goes unanswered";
  EXPECT_EQ(rsts, 0) << "TCP itself reports nothing";
  ASSERT_NE(client_fin, 0);
  EXPECT_GE(client_fin - pings.back(), 600'000'000) << "the client waits one heartbeat timeout, then closes";
  EXPECT_TRUE(has_finding(*r, "heartbeat missed")) << findings(*r);
}

class CloseOrderEveryModel : public ::testing::TestWithParam<std::string> {};

TEST_P(CloseOrderEveryModel, HttpShortServerClosesFirstAndHoldsTimeWait) {
  servers::ScenarioOptions o;
  o.model = GetParam();
  RUN_OR_SKIP(r, "http-short", o);
  const std::uint16_t port = server_port_of(*r);
  const auto conns = wire_connections(tcp_segments(*r), port);
  EXPECT_EQ(conns.size(), 6u) << "2 clients x 3 requests, a connection each";
  for (const auto& c : conns) {
    EXPECT_LT(c.server_fin_ts, c.client_fin_ts) << "server FIN first";
    EXPECT_TRUE(in_time_wait(port, c.client_port)) << "server side in TIME-WAIT";
  }
}

TEST_P(CloseOrderEveryModel, HalfCloseServerSendsAfterTheClientsFin) {
  servers::ScenarioOptions o;
  o.model = GetParam();
  RUN_OR_SKIP(r, "half-close", o);
  const std::uint16_t port = server_port_of(*r);
  std::int64_t client_fin = 0, server_fin = 0;
  std::size_t after_fin = 0;
  for (const Segment& s : tcp_segments(*r)) {
    if (s.dst_port == port && s.has(kFin)) client_fin = s.ts_ns;
    if (s.src_port == port && s.payload && client_fin) after_fin += s.payload;
    if (s.src_port == port && s.has(kFin)) server_fin = s.ts_ns;
  }
  ASSERT_NE(client_fin, 0);
  EXPECT_GT(after_fin, 100u) << "the answer flows after the client's FIN";
  EXPECT_GT(server_fin, client_fin);
  EXPECT_EQ(events_of(*r, "client", SocketCall::Shutdown).size(), 1u);
}

TEST_P(CloseOrderEveryModel, ResetSendsRstAndTheServerSeesEconnreset) {
  servers::ScenarioOptions o;
  o.model = GetParam();
  RUN_OR_SKIP(r, "reset", o);
  const std::uint16_t port = server_port_of(*r);
  int client_rst = 0, client_fin = 0;
  for (const Segment& s : tcp_segments(*r))
    if (s.dst_port == port) client_rst += s.has(kRst), client_fin += s.has(kFin);
  EXPECT_EQ(client_rst, 1);
  EXPECT_EQ(client_fin, 0) << "abort, not close";
  int resets = 0;
  for (const auto& e : events_of(*r, "server", SocketCall::Recv)) resets += e.err == ECONNRESET;
  EXPECT_EQ(resets, 1);
  EXPECT_TRUE(has_finding(*r, "kernel: 0 TIME-WAIT")) << findings(*r);
}

INSTANTIATE_TEST_SUITE_P(AllModels, CloseOrderEveryModel, kAllModels, model_test_name);

TEST(TcpScenario, HttpKeepAliveCarriesEveryRequestOnOneConnection) {
  servers::ScenarioOptions o;
  o.model = "poll";
  RUN_OR_SKIP(r, "http-keepalive", o);
  const std::uint16_t port = server_port_of(*r);
  const auto conns = wire_connections(tcp_segments(*r), port);
  ASSERT_EQ(conns.size(), 2u) << "one connection per client";
  for (const auto& c : conns) {
    EXPECT_LT(c.client_fin_ts, c.server_fin_ts) << "client closes first";
    EXPECT_TRUE(in_time_wait(c.client_port, port));
  }
  EXPECT_TRUE(has_finding(*r, "6 responses over 2 connections")) << findings(*r);
}

TEST(TcpScenario, RefusedConnectGetsRstAndEconnrefused) {
  RUN_OR_SKIP(r, "refused", servers::ScenarioOptions{});
  const auto segs = tcp_segments(*r);
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_TRUE(segs[0].has(kSyn) && !segs[0].has(kAck));
  EXPECT_TRUE(segs[1].has(kRst) && segs[1].has(kAck));
  EXPECT_EQ(segs[1].ack, segs[0].seq + 1) << "the RST acknowledges the SYN";
  const auto ret = events_of(*r, "client", SocketCall::ConnectReturn);
  ASSERT_EQ(ret.size(), 1u);
  EXPECT_EQ(ret[0].err, ECONNREFUSED);
  EXPECT_GT(ret[0].ts_ns, segs[1].ts_ns) << "connect() returns after the RST arrived";
}

TEST(TcpScenario, BacklogCompletesSomeHandshakesAndRetransmitsDroppedSyns) {
  servers::ScenarioOptions o;
  o.extra["wait-ms"] = "1600";  // the first SYN retransmission comes after the 1 s initial RTO
  RUN_OR_SKIP(r, "backlog", o);
  const std::uint16_t port = server_port_of(*r);
  const auto conns = wire_connections(tcp_segments(*r), port);
  ASSERT_EQ(conns.size(), 4u);
  int completed = 0, retransmitted = 0;
  for (const auto& c : conns) {
    if (c.syn_ack) ++completed;
    if (!c.syn_ack && c.syn >= 2) ++retransmitted;
  }
  EXPECT_EQ(completed, 2) << "backlog 1: Linux queues backlog + 1 completed connections";
  EXPECT_EQ(retransmitted, 2) << "the others' SYNs were dropped and sent again";
  EXPECT_TRUE(events_of(*r, "server", SocketCall::Accept).empty()) << "accept() was never called";
}

TEST(TcpScenario, TimeWaitBlocksRebindUntilSoReuseaddr) {
  RUN_OR_SKIP(r, "time-wait", servers::ScenarioOptions{});
  const std::uint16_t port = server_port_of(*r);
  const auto conns = wire_connections(tcp_segments(*r), port);
  ASSERT_EQ(conns.size(), 1u);
  EXPECT_LT(conns[0].server_fin_ts, conns[0].client_fin_ts) << "the server closes first";
  const auto binds = events_of(*r, "server", SocketCall::Bind);
  ASSERT_EQ(binds.size(), 3u);
  EXPECT_EQ(binds[1].err, EADDRINUSE) << "rebind without SO_REUSEADDR";
  EXPECT_EQ(binds[2].result, 0) << "rebind with SO_REUSEADDR";
  EXPECT_TRUE(has_finding(*r, "without SO_REUSEADDR: failed with EADDRINUSE")) << findings(*r);
  EXPECT_TRUE(has_finding(*r, "with SO_REUSEADDR: succeeded")) << findings(*r);
}

TEST(ScenarioList, EveryScenarioHasHelpAndALesson) {
  for (const auto& e : servers::scenario_entries()) {
    EXPECT_FALSE(e.info->help.empty()) << e.info->name;
    EXPECT_GT(e.info->lesson.size(), 80u) << e.info->name;
  }
}

}  // namespace
}  // namespace wirelab::test
