// UDP conversations: udp.stream numbering and the per-direction counters, when many flows
// take turns (the tracker's cache of recent IPv4 flows has 256 sets of two entries, so a
// thousand flows share sets and push each other out).
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

// The cache's set is the same for both directions of a flow, so two different flows whose
// addresses and ports exclusive-or alike always share one: 10.0.0.1:1000 <-> 10.0.0.2:2000 and
// 10.0.0.1:2000 <-> 10.0.0.2:1000. A flow from one endpoint to itself carries the same words
// both ways. Each datagram must still count in its own flow, in its own direction.
TEST(UdpTracker, FlowsThatShareACacheSetOrTalkToThemselvesCountApart) {
  ConversationBuilder b(0x0a000001, 1000, 0x0a000002, 2000);
  for (int round = 0; round < 3; ++round) {
    b.ports(1000, 2000).udp(C, "a").udp(S, "bb");
    b.ports(2000, 1000).udp(C, "ccc").udp(C, "dddd").udp(S, "eeeee");
  }
  ConversationBuilder self(0x0a000003, 5000, 0x0a000003, 5000);
  self.udp(C, "x").udp(S, "yy").udp(C, "z");
  std::vector<test::Frame> frames = b.frames();
  frames.insert(frames.end(), self.frames().begin(), self.frames().end());
  for (const bool fast : {true, false}) {
    decode::Trackers t;
    const auto notes = test::track(frames, t, fast);
    ASSERT_EQ(notes.size(), 18u);
    for (std::size_t i = 0; i < 15; ++i)
      EXPECT_EQ(notes[i].udp_stream, i % 5 < 2 ? 0 : 1) << "frame " << i + 1 << " fast " << fast;
    for (std::size_t i = 15; i < 18; ++i) EXPECT_EQ(notes[i].udp_stream, 2) << "frame " << i + 1;
    const auto& flows = t.udp().flows();
    ASSERT_EQ(flows.size(), 3u);
    EXPECT_EQ(flows.at(0).a.port, 1000);
    EXPECT_EQ(flows.at(0).frames_ab, 3u);
    EXPECT_EQ(flows.at(0).payload_bytes_ab, 3u);
    EXPECT_EQ(flows.at(0).frames_ba, 3u);
    EXPECT_EQ(flows.at(0).payload_bytes_ba, 6u);
    EXPECT_EQ(flows.at(1).a.port, 2000);
    EXPECT_EQ(flows.at(1).frames_ab, 6u);
    EXPECT_EQ(flows.at(1).payload_bytes_ab, 21u);
    EXPECT_EQ(flows.at(1).frames_ba, 3u);
    EXPECT_EQ(flows.at(1).payload_bytes_ba, 15u);
    // To itself: every datagram is sent by column A, as tshark counts it.
    EXPECT_EQ(flows.at(2).frames_ab, 3u);
    EXPECT_EQ(flows.at(2).payload_bytes_ab, 4u);
    EXPECT_EQ(flows.at(2).frames_ba, 0u);
  }
}

// Four flows whose port pairs exclusive-or alike share one set of the cache, which holds two:
// taking turns, each pushes out the oldest, in both directions. Every datagram must still
// count in its own flow and direction.
TEST(UdpTracker, MoreFlowsThanASetHoldsTakingTurnsCountApart) {
  constexpr std::uint16_t kXor = 1000 ^ 2000;
  const std::uint16_t client_ports[] = {1000, 2000, 1001, 3000};
  ConversationBuilder b(0x0a000001, 1000, 0x0a000002, 2000);
  for (int round = 0; round < 4; ++round)
    for (std::size_t f = 0; f < 4; ++f) {
      b.ports(client_ports[f], static_cast<std::uint16_t>(client_ports[f] ^ kXor));
      b.udp(C, std::string(f + 1, 'q'));
      if (round % 2) b.udp(S, std::string(10 + f, 'r'));
    }
  for (const bool fast : {true, false}) {
    decode::Trackers t;
    const auto notes = test::track(b.frames(), t, fast);
    ASSERT_EQ(notes.size(), 24u);
    std::size_t i = 0;
    for (int round = 0; round < 4; ++round)
      for (std::int64_t f = 0; f < 4; ++f) {
        EXPECT_EQ(notes[i++].udp_stream, f) << "round " << round << " fast " << fast;
        if (round % 2) {
          EXPECT_EQ(notes[i++].udp_stream, f) << "reply, round " << round << " fast " << fast;
        }
      }
    const auto& flows = t.udp().flows();
    ASSERT_EQ(flows.size(), 4u);
    for (std::size_t f = 0; f < 4; ++f) {
      EXPECT_EQ(flows.at(f).a.port, client_ports[f]);
      EXPECT_EQ(flows.at(f).frames_ab, 4u);
      EXPECT_EQ(flows.at(f).payload_bytes_ab, 4 * (f + 1));
      EXPECT_EQ(flows.at(f).frames_ba, 2u);
      EXPECT_EQ(flows.at(f).payload_bytes_ba, 2 * (10 + f));
    }
  }
}

}  // namespace
}  // namespace wirelab
