// UDP conversations: udp.stream numbering and the per-direction counters, when many flows
// take turns (the tracker's cache of recent IPv4 flows has 256 slots, so a thousand flows
// share slots and push each other out).
#include <gtest/gtest.h>

#include "conversation_builder.hpp"
#include "decode/track/udp_tracker.hpp"
#include "decode/trackers.hpp"

namespace wirelab {
namespace {

using test::ConversationBuilder;
constexpr bool C = true, S = false;

TEST(UdpTracker, AThousandFlowsTakingTurnsKeepTheirStreamsAndCounters) {
  constexpr std::uint16_t kFlows = 1000, kFirstPort = 20000;
  ConversationBuilder b;
  // Round 1: each client's request opens its flow; round 2: the replies, in reverse order;
  // round 3: the requests again, in the first order.
  for (std::uint16_t i = 0; i < kFlows; ++i) b.ports(static_cast<std::uint16_t>(kFirstPort + i), 7).udp(C, "ping");
  for (std::uint16_t i = kFlows; i-- > 0;) b.ports(static_cast<std::uint16_t>(kFirstPort + i), 7).udp(S, "pong!");
  for (std::uint16_t i = 0; i < kFlows; ++i) b.ports(static_cast<std::uint16_t>(kFirstPort + i), 7).udp(C, "ping");
  for (const bool fast : {true, false}) {
    decode::Trackers t;
    const auto notes = test::track(b.frames(), t, fast);
    ASSERT_EQ(notes.size(), 3u * kFlows);
    for (std::size_t i = 0; i < kFlows; ++i) {
      EXPECT_EQ(notes[i].udp_stream, static_cast<std::int64_t>(i)) << "frame " << i + 1 << " fast " << fast;
      EXPECT_EQ(notes[kFlows + i].udp_stream, static_cast<std::int64_t>(kFlows - 1 - i)) << "fast " << fast;
      EXPECT_EQ(notes[2 * kFlows + i].udp_stream, static_cast<std::int64_t>(i)) << "fast " << fast;
    }
    const auto& flows = t.udp().flows();
    ASSERT_EQ(flows.size(), kFlows);
    for (std::size_t i = 0; i < kFlows; ++i) {
      const decode::UdpFlow& f = flows.at(i);
      EXPECT_EQ(f.a.port, kFirstPort + i);
      EXPECT_EQ(f.frames_ab, 2u);
      EXPECT_EQ(f.frames_ba, 1u);
      EXPECT_EQ(f.payload_bytes_ab, 8u);
      EXPECT_EQ(f.payload_bytes_ba, 5u);
    }
  }
}

}  // namespace
}  // namespace wirelab
