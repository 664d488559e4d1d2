// Reads a scenario run's captured frames down to the transport header, for lesson tests on
// UDP, ICMP and hand-made TCP traffic. Uses the project's own decoders.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "servers/scenario_runner.hpp"

namespace wirelab::servers::testing {

struct SeenPacket {
  std::uint8_t ip_proto = 0;     // 1 ICMP, 6 TCP, 17 UDP
  std::uint32_t src_ip = 0;
  std::uint32_t dst_ip = 0;
  std::uint16_t src_port = 0;    // UDP/TCP
  std::uint16_t dst_port = 0;
  std::uint16_t tcp_flags = 0;
  std::uint8_t icmp_type = 0;
  std::vector<std::byte> payload;  // after the UDP/TCP/ICMP header
};

std::vector<SeenPacket> ipv4_packets(const RunReport& report);

// run_scenario, or a skip reason when capture is not permitted here (empty when it ran).
Result<RunReport> run_or_skip_reason(std::string_view scenario, const ScenarioOptions& options, std::string& skip);

}  // namespace wirelab::servers::testing

// Runs a scenario in a test: skips (with the reason) without capture permission, fails on errors.
#define WIRELAB_RUN_SCENARIO(report, name, options)                                                  \
  std::string report##_skip;                                                                         \
  auto report = ::wirelab::servers::testing::run_or_skip_reason(name, options, report##_skip);       \
  if (!report##_skip.empty()) GTEST_SKIP() << report##_skip;                                         \
  ASSERT_TRUE(report) << report.error().message;                                                     \
  ASSERT_FALSE(report->scenario_error.has_value()) << report->scenario_error->message
