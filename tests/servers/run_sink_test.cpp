// The runner's live sink and stop request (what the GUI's scenario launcher streams from):
// the sink sees every packet and socket event of the final report, while the run goes on; a
// stop request ends a long scenario early and cleanly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <set>
#include <stop_token>

#include "run_support.hpp"

namespace wirelab::test {
namespace {

using decode::SocketCall;

// What a sink saw, and when: the state of the run at the first packet's arrival.
struct Watched {
  std::mutex mu;
  std::vector<capture::CapturedFrame> packets;
  std::vector<decode::SocketEvent> events;
  std::size_t events_at_first_packet = 0;
  bool client_closed_at_first_packet = false;
  bool run_returned = false;
  bool called_after_return = false;

  servers::RunSink sink(std::stop_source* stop_at_first_packet = nullptr) {
    return {
        .packets =
            [this, stop_at_first_packet](std::span<const capture::CapturedFrame> batch) {
              std::lock_guard lock(mu);
              called_after_return |= run_returned;
              if (packets.empty()) {
                events_at_first_packet = events.size();
                client_closed_at_first_packet = std::any_of(events.begin(), events.end(), [](const auto& e) {
                  return e.call == SocketCall::Close && e.actor.rfind("client", 0) == 0;
                });
                if (stop_at_first_packet) stop_at_first_packet->request_stop();
              }
              packets.insert(packets.end(), batch.begin(), batch.end());
            },
        .event =
            [this](const decode::SocketEvent& e) {
              std::lock_guard lock(mu);
              called_after_return |= run_returned;
              events.push_back(e);
            },
    };
  }
  void returned() {
    std::lock_guard lock(mu);
    run_returned = true;
  }
};

// The report holds exactly what the sink saw: the same records, stably sorted by time.
void expect_report_is_what_the_sink_saw(const servers::RunReport& report, Watched& w) {
  std::lock_guard lock(w.mu);
  EXPECT_FALSE(w.called_after_return) << "the sink is never called after run_scenario returned";
  auto packets = w.packets;
  std::stable_sort(packets.begin(), packets.end(), [](const auto& a, const auto& b) { return a.ts_ns < b.ts_ns; });
  ASSERT_EQ(packets.size(), report.packets.size());
  for (std::size_t i = 0; i < packets.size(); ++i) {
    EXPECT_EQ(packets[i].ts_ns, report.packets[i].ts_ns) << "packet " << i + 1;
    EXPECT_EQ(packets[i].bytes, report.packets[i].bytes) << "packet " << i + 1;
  }
  auto events = w.events;
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.ts_ns < b.ts_ns; });
  ASSERT_EQ(events.size(), report.events.size());
  for (std::size_t i = 0; i < events.size(); ++i)
    EXPECT_EQ(decode::encode_event(events[i]), decode::encode_event(report.events[i]))
        << "event " << i << ": " << report.events[i].actor << " " << decode::to_string(report.events[i].call);
}

// Runs `name`, asking it to stop as soon as its first packet reaches the sink.
Result<servers::RunReport> run_stopped_at_first_packet(const std::string& name, const servers::ScenarioOptions& o,
                                                       Watched& w) {
  std::stop_source stop;
  servers::RunnerOptions runner;
  runner.sink = w.sink(&stop);
  runner.stop = stop.get_token();
  auto report = servers::run_scenario(name, o, runner);
  w.returned();
  return report;
}

void expect_nothing_left_behind(const ResourceCount& before) {
  const ResourceCount after = count_resources();
  EXPECT_EQ(after.fds, before.fds);
  EXPECT_EQ(after.threads, before.threads);
  EXPECT_TRUE(no_children());
}

std::int64_t bytes_sent_by(const servers::RunReport& r, const std::string& actor) {
  std::int64_t n = 0;
  for (const auto& e : events_of(r, actor, SocketCall::Send))
    if (e.result > 0) n += e.result;
  return n;
}

TEST(RunSink, HeartbeatPacketsArriveBeforeTheClientClosesAndMatchTheReport) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  Watched w;
  servers::ScenarioOptions o;
  o.model = "thread";
  servers::RunnerOptions runner;
  runner.sink = w.sink();
  auto report = servers::run_scenario("heartbeat", o, runner);
  w.returned();
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_FALSE(report->scenario_error) << report->scenario_error->message;
  EXPECT_FALSE(report->stopped);
  // Liveness by order, not by clock: the first packet (the SYN) reached the sink while the
  // scenario was still journaling, before the client's close() that ends it.
  EXPECT_FALSE(w.client_closed_at_first_packet);
  EXPECT_LT(w.events_at_first_packet, report->events.size());
  ASSERT_FALSE(report->packets.empty());
  expect_report_is_what_the_sink_saw(*report, w);
}

// Fork children journal through a pipe the server drains: their events reach the sink too.
TEST(RunSink, EchoOverForkChildrenEventsReachTheSink) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  Watched w;
  servers::ScenarioOptions o;
  o.model = "fork";
  o.clients = 3;
  servers::RunnerOptions runner;
  runner.sink = w.sink();
  auto report = servers::run_scenario("echo", o, runner);
  w.returned();
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_FALSE(report->scenario_error) << report->scenario_error->message;
  std::set<std::int32_t> pids;
  for (const auto& e : report->events) pids.insert(e.pid);
  EXPECT_GE(pids.size(), 4u) << "the parent and three children journaled";
  expect_report_is_what_the_sink_saw(*report, w);
  EXPECT_TRUE(no_children());
}

// Stop requested as soon as the first packet is seen: a heartbeat that would run for
// 21 pings x 300 ms ends after a few, with everything cleaned up (fork: children reaped).
TEST(RunStop, EndsALongHeartbeatEarlyAndCleanly) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  const ResourceCount before = count_resources();
  Watched w;
  servers::ScenarioOptions o;
  o.model = "fork";
  o.extra = {{"answered", "20"}, {"interval-ms", "300"}};
  o.time_limit = std::chrono::seconds(30);
  auto report = run_stopped_at_first_packet("heartbeat", o, w);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->stopped);
  ASSERT_TRUE(report->scenario_error) << "a stopped heartbeat did not show its lesson";
  EXPECT_NE(report->scenario_error->message.find("stopped"), std::string::npos) << report->scenario_error->message;
  EXPECT_LT(events_of(*report, "client", SocketCall::Send).size(), 3u) << "the client went on pinging after the stop";
  // The connection still closed on the wire (the client's FIN), and nothing was left behind.
  EXPECT_EQ(events_of(*report, "client", SocketCall::Close).size(), 1u);
  expect_report_is_what_the_sink_saw(*report, w);
  expect_nothing_left_behind(before);
}

// A 64 MiB upload stopped at its first packet: the sendall loop gives up long before the end.
TEST(RunStop, EndsABigFileUploadEarly) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  const ResourceCount before = count_resources();
  Watched w;
  constexpr std::int64_t kSize = 64LL * 1024 * 1024;
  servers::ScenarioOptions o;
  o.model = "epoll-lt";
  o.extra = {{"size", std::to_string(kSize)}, {"sndbuf", "4096"}};
  o.time_limit = std::chrono::seconds(30);
  auto report = run_stopped_at_first_packet("file", o, w);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->stopped);
  ASSERT_TRUE(report->scenario_error);
  EXPECT_LT(bytes_sent_by(*report, "client"), kSize);
  expect_report_is_what_the_sink_saw(*report, w);
  expect_nothing_left_behind(before);
}

// The two longest scenarios (a backlog whose dropped SYNs are retransmitted after 1 s, a TFTP
// transfer past block 65535) stopped at their first packet: what they put on the wire spans
// less than half of what a full run's capture spans.
class StopLongScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(StopLongScenario, EndsWellBeforeAFullRunAndLeavesNothingBehind) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  servers::ScenarioOptions o;
  o.model = "thread";
  auto full = servers::run_scenario(GetParam(), o);
  ASSERT_TRUE(full) << full.error().message;
  ASSERT_FALSE(full->scenario_error) << full->scenario_error->message;
  const ResourceCount before = count_resources();
  Watched w;
  auto stopped = run_stopped_at_first_packet(GetParam(), o, w);
  ASSERT_TRUE(stopped) << stopped.error().message;
  EXPECT_TRUE(stopped->stopped);
  const auto span = [](const servers::RunReport& r) { return r.packets.back().ts_ns - r.packets.front().ts_ns; };
  ASSERT_FALSE(stopped->packets.empty());
  EXPECT_LT(span(*stopped) * 2, span(*full)) << stopped->packets.size() << " packets stopped, " << full->packets.size()
                                             << " in a full run";
  expect_report_is_what_the_sink_saw(*stopped, w);
  expect_nothing_left_behind(before);
}

INSTANTIATE_TEST_SUITE_P(Longest, StopLongScenario, ::testing::Values("backlog", "tftp-wrap"), model_test_name);

// Without a sink or stop token nothing changes: no stop, and the run is the CLI's.
TEST(RunStop, UnrequestedStopChangesNothing) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  std::stop_source stop;
  servers::ScenarioOptions o;
  o.model = "epoll-lt";
  o.clients = 2;
  servers::RunnerOptions runner;
  runner.stop = stop.get_token();
  auto report = servers::run_scenario("echo", o, runner);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->stopped);
  EXPECT_FALSE(report->scenario_error) << report->scenario_error->message;
  EXPECT_EQ(events_of(*report, "client", SocketCall::Close).size(), 2u);
}

}  // namespace
}  // namespace wirelab::test
