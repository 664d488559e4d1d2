// `wirelab-cli run echo -w FILE`: the file opens in tshark, and read back by wirelab it holds
// the same packets and the same socket events the run printed.
#include <gtest/gtest.h>

#include <filesystem>

#include "capture/packet_stream.hpp"
#include "capture/pcapng_writer.hpp"
#include "corpus_support.hpp"
#include "run_support.hpp"

namespace wirelab::test {
namespace {

TEST(RunWrite, FileOpensInTsharkAndReadsBackWithTheSameEvents) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  servers::ScenarioOptions o;
  o.model = "epoll-et";
  auto report = servers::run_scenario("echo", o);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_FALSE(report->scenario_error);
  const auto path = std::filesystem::temp_directory_path() / ("wirelab-run-" + std::to_string(::getpid()) + ".pcapng");
  ASSERT_FALSE(capture::write_pcapng(path.string(), report->link_type, "lo", report->packets, report->events));

  std::string out;
  if (run_command("tshark -v >/dev/null 2>&1", out) == 0) {
    EXPECT_EQ(run_command("tshark -r " + path.string() + " -Y tcp -T fields -e tcp.stream 2>/dev/null | sort -u | wc -l", out), 0);
    EXPECT_EQ(std::stoi(out), 3) << "tshark sees the three TCP streams";
  }
  auto stream = capture::PacketStream::open(path.string());
  ASSERT_TRUE(stream) << stream.error().message();
  std::vector<decode::SocketEvent> events;
  stream->on_custom_block([&](const capture::CustomBlock& b) {
    decode::SocketEvent e;
    if (b.pen == decode::kSocketEventPen && decode::decode_event(b.data.data(), b.data.size(), e)) events.push_back(e);
  });
  std::size_t packets = 0;
  while (stream->next()) ++packets;
  EXPECT_EQ(packets, report->packets.size());
  ASSERT_EQ(events.size(), report->events.size());
  for (std::size_t i = 0; i < events.size(); ++i)
    EXPECT_EQ(decode::encode_event(events[i]), decode::encode_event(report->events[i])) << "event " << i;
  std::filesystem::remove(path);
}

TEST(RunWrite, CliRunWritesAFileAndExitsZero) {
  if (const std::string why = capture_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  const auto path = std::filesystem::temp_directory_path() / ("wirelab-cli-run-" + std::to_string(::getpid()) + ".pcapng");
  std::string out;
  ASSERT_EQ(run_command(std::string(WIRELAB_CLI_PATH) + " run echo --model poll --clients 2 -w " + path.string() + " 2>&1", out), 0) << out;
  EXPECT_NE(out.find("accept"), std::string::npos) << "the timeline shows socket calls";
  EXPECT_NE(out.find("[SYN]"), std::string::npos) << "and packets";
  EXPECT_NE(out.find("Finding: 2 clients"), std::string::npos);
  ASSERT_EQ(run_command(std::string(WIRELAB_CLI_PATH) + " -r " + path.string() + " | grep -c FIN", out), 0);
  EXPECT_GE(std::stoi(out), 4);
  std::filesystem::remove(path);
}

TEST(RunWrite, UnknownScenarioOrModelIsAUsageError) {
  std::string out;
  EXPECT_EQ(run_command(std::string(WIRELAB_CLI_PATH) + " run no-such-thing 2>&1", out), 2) << out;
  EXPECT_NE(out.find("list scenarios"), std::string::npos);
  EXPECT_EQ(run_command(std::string(WIRELAB_CLI_PATH) + " run echo --model quantum 2>&1", out), 2) << out;
  EXPECT_NE(out.find("list models"), std::string::npos);
}

}  // namespace
}  // namespace wirelab::test
