// Every concurrency model x the echo scenario with 3 concurrent clients, checked against what
// the kernel put on the wire (live capture on lo) and what the kernel says afterwards.
#include <gtest/gtest.h>

#include <optional>

#include "capture/frame_sequence.hpp"
#include "decode/tcp.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "run_support.hpp"
#include "servers/scenario_list.hpp"

namespace wirelab::test {
namespace {

using decode::SocketCall;
using namespace decode::tcp_flag;

class EchoEveryModel : public ::testing::TestWithParam<std::string> {};

// The teardown as the raw segments show it: did the responder acknowledge the client's FIN
// before sending its own FIN (four-way), or with it (three-way)? nullopt: no clean teardown.
std::optional<decode::TeardownKind> teardown_on_wire(const std::vector<Segment>& segs, std::uint16_t client_port,
                                                     std::uint16_t server_port) {
  std::optional<std::uint32_t> fin_end;  // the sequence number that acknowledges the client's FIN
  for (const Segment& s : segs) {
    const bool from_client = s.src_port == client_port && s.dst_port == server_port;
    const bool from_server = s.src_port == server_port && s.dst_port == client_port;
    if (from_client && s.has(kFin) && !fin_end) fin_end = s.seq + static_cast<std::uint32_t>(s.payload) + 1;
    if (!from_server || !fin_end || !s.has(kAck) || s.ack != *fin_end) continue;
    return s.has(kFin) ? decode::TeardownKind::ThreeWay : decode::TeardownKind::FourWay;
  }
  return std::nullopt;
}

TEST_P(EchoEveryModel, ThreeClientsHandshakeEchoAndTeardownInJournalOrder) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  const ResourceCount before = count_resources();
  servers::ScenarioOptions o;
  o.model = GetParam();
  o.clients = 3;
  auto report = servers::run_scenario("echo", o);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_FALSE(report->scenario_error) << report->scenario_error->message;
  EXPECT_EQ(report->stats.queue_dropped + report->stats.kernel_dropped, 0u) << report->stats.describe();

  // The filter is "tcp port P": the server's port.
  const auto listens = events_of(*report, "server", SocketCall::Listen);
  ASSERT_EQ(listens.size(), 1u);
  const std::uint16_t server_port = listens[0].local.port;
  ASSERT_EQ(report->filter, "tcp port " + std::to_string(server_port));

  const auto conns = wire_connections(tcp_segments(*report), server_port);
  ASSERT_EQ(conns.size(), 3u) << "three client ports on the wire";
  const auto accepts = events_of(*report, "server", SocketCall::Accept);
  const auto closes = events_of(*report, "", SocketCall::Close);
  for (const WireConnection& c : conns) {
    SCOPED_TRACE("client port " + std::to_string(c.client_port));
    EXPECT_EQ(c.syn, 1);
    EXPECT_EQ(c.syn_ack, 1);
    ASSERT_NE(c.handshake_ack_ts, 0) << "handshake completed";
    EXPECT_EQ(c.rst, 0);
    EXPECT_EQ(c.client_bytes, c.server_bytes) << "everything sent came back";
    EXPECT_GT(c.client_bytes, 0u);
    ASSERT_NE(c.client_fin_ts, 0);
    ASSERT_NE(c.server_fin_ts, 0);
    EXPECT_LT(c.client_fin_ts, c.server_fin_ts) << "the client closes first (active closer)";
    EXPECT_TRUE(c.final_ack) << "the last ACK of the teardown";

    // accept() returns only after the handshake's final ACK is on the wire.
    int accepted = 0;
    for (const auto& a : accepts)
      if (a.result >= 0 && a.peer.port == c.client_port) {
        ++accepted;
        EXPECT_GT(a.ts_ns, c.handshake_ack_ts) << "accept returned before the handshake completed";
      }
    EXPECT_EQ(accepted, 1);
    // Each FIN is preceded by a close() on that side's socket.
    bool client_close = false, server_close = false;
    for (const auto& e : closes) {
      if (e.local.port == c.client_port && e.peer.port == server_port && e.ts_ns < c.client_fin_ts) client_close = true;
      if (e.local.port == server_port && e.peer.port == c.client_port && e.ts_ns < c.server_fin_ts) server_close = true;
    }
    EXPECT_TRUE(client_close) << "client close() journaled before the client's FIN";
    EXPECT_TRUE(server_close) << "server close() journaled before the server's FIN";
    // The active closer holds TIME-WAIT: the kernel's own table says so right after the run.
    EXPECT_TRUE(in_time_wait(c.client_port, server_port)) << "client end in TIME-WAIT";
    EXPECT_FALSE(in_time_wait(server_port, c.client_port)) << "server end not in TIME-WAIT";
  }
  // The conversations report: the same packets through decode::Trackers, the path
  // `wirelab-cli run echo -z conns` prints from (capture::FrameSequence).
  capture::FrameSequence seq;
  for (const auto& f : report->packets) seq.feed(f.view());
  seq.trackers().finish();
  const auto segs = tcp_segments(*report);
  const auto& tracked = seq.trackers().tcp().connections();
  ASSERT_EQ(tracked.size(), 3u) << "three TCP conversations";
  for (const decode::TcpConnection& c : tracked) {
    SCOPED_TRACE("tcp.stream " + std::to_string(c.stream()) + ", client port " + std::to_string(c.client().address.port));
    EXPECT_EQ(c.server().address.port, server_port) << "the originator is the client";
    EXPECT_EQ(c.conn_state(), "SF") << "normal establishment and termination (Zeek's SF)";
    EXPECT_EQ(c.handshake(), decode::HandshakeKind::ThreeWay) << to_string(c.handshake());
    EXPECT_EQ(to_string(c.client().state), "TIME-WAIT") << "the active closer's last state";
    EXPECT_EQ(to_string(c.server().state), "CLOSED") << "the passive closer's last state (after LAST-ACK)";
    EXPECT_EQ(c.time_wait_holder(), &c.client());
    const auto wire = teardown_on_wire(segs, c.client().address.port, server_port);
    ASSERT_TRUE(wire.has_value()) << "the server acknowledged the client's FIN";
    EXPECT_EQ(c.teardown(), *wire) << "tracker says " << to_string(c.teardown()) << ", the segments show "
                                   << to_string(*wire);
  }

  // Nothing left behind: fds, threads, child processes.
  const ResourceCount after = count_resources();
  EXPECT_EQ(after.fds, before.fds);
  EXPECT_EQ(after.threads, before.threads);
  EXPECT_TRUE(no_children());
}

INSTANTIATE_TEST_SUITE_P(AllModels, EchoEveryModel, kAllModels, model_test_name);

TEST(ModelList, NamesTheNineModelsInDesignOrder) {
  std::string names;
  for (const auto& m : servers::model_list()) names += std::string(m.name) + " ";
  EXPECT_EQ(names, "iterative fork thread nonblocking select poll epoll-lt epoll-et coroutine ");
}

}  // namespace
}  // namespace wirelab::test
