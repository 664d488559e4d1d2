#include "servers/udp_overflow.hpp"

#include <gtest/gtest.h>

namespace wirelab::servers {
namespace {

TEST(UdpOverflow, SlowReaderWithSmallBufferLosesDatagramsAndTheKernelCountsThem) {
  Journal journal;
  const UdpOverflowConfig config{.datagrams = 200, .payload = 512, .rcvbuf = 4096, .read_delay_us = 1000, .quiet_ms = 200};
  auto report = run_udp_overflow(&journal, config);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->sent, 200);
  EXPECT_GT(report->dropped, 0u);
  EXPECT_LT(report->received, 200);
  // On loopback nothing else loses datagrams: every one sent was either read or dropped.
  EXPECT_EQ(static_cast<std::uint32_t>(report->received) + report->dropped, 200u);
  EXPECT_LE(report->dropped_seen_by_reader, report->dropped);
  if (report->snmp_rcvbuf_errors_delta) {
    EXPECT_GE(*report->snmp_rcvbuf_errors_delta, static_cast<std::int64_t>(report->dropped));
  }
}

TEST(UdpOverflow, AFastEnoughReaderWithRoomLosesNothing) {
  Journal journal;
  const UdpOverflowConfig config{.datagrams = 20, .payload = 100, .rcvbuf = 1 << 20, .read_delay_us = 0, .quiet_ms = 200};
  auto report = run_udp_overflow(&journal, config);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->received, 20);
  EXPECT_EQ(report->dropped, 0u);
}

}  // namespace
}  // namespace wirelab::servers
