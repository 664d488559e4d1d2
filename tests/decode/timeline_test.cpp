// Timeline: packets' sequence items and socket-call events merged in time order, each event
// on the lifeline of the endpoint its addresses name.
#include <gtest/gtest.h>

#include "conversation_builder.hpp"
#include "decode/timeline.hpp"
#include "decode/track/tcp_tracker.hpp"

namespace wirelab {
namespace {

constexpr bool C = true, S = false;

TEST(Timeline, SocketEventsInterleaveOnTheirEndpointsLifeline) {
  test::ConversationBuilder b(0x7f000001, 46000, 0x7f000001, 7);
  b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101);
  decode::Trackers t;
  t.record_sequences(true);
  test::track(b.frames(), t);
  decode::SequenceDiagram d = decode::tcp_sequence_diagram(t.tcp().connections().at(0));
  ASSERT_EQ(d.items.size(), 3u);
  EXPECT_EQ(d.items[1].label, "SYN, ACK");
  EXPECT_EQ(d.items[1].comment, "Seq = 0 Ack = 1");
  EXPECT_EQ(d.items[1].state_after[1], decode::TcpState::SynReceived);
  EXPECT_EQ(d.items[2].phase_mark, "handshake: three-way");

  const std::int64_t t1 = b.frames()[0].ts_ns;
  std::vector<decode::SocketEvent> events;
  events.push_back({.ts_ns = t1 + 1500, .fd = 4, .call = decode::SocketCall::Accept, .result = 5,
                    .local = {0x7f000001, 7}, .peer = {0x7f000001, 46000}, .actor = "server"});
  // connect() before the kernel chose the client's port: attributed through its fd, which
  // connect-return names with both addresses.
  events.push_back({.ts_ns = t1 - 100, .pid = 10, .fd = 3, .call = decode::SocketCall::Connect,
                    .peer = {0x7f000001, 7}, .actor = "client"});
  events.push_back({.ts_ns = t1 + 2500, .pid = 10, .fd = 3, .call = decode::SocketCall::ConnectReturn,
                    .local = {0x7f000001, 46000}, .peer = {0x7f000001, 7}, .actor = "client"});
  // Another client of the same server: not this conversation.
  events.push_back({.ts_ns = t1 + 10, .pid = 10, .fd = 8, .call = decode::SocketCall::Send,
                    .local = {0x7f000001, 46001}, .peer = {0x7f000001, 7}});
  decode::Timeline::merge_into(d, events);
  ASSERT_EQ(d.items.size(), 6u);
  EXPECT_EQ(d.items[5].label, "connect-return() = 0");
  EXPECT_EQ(d.items[0].kind, decode::SequenceItemKind::SocketEvent);
  EXPECT_EQ(d.items[0].src_node, 0);  // the client's connect()
  EXPECT_EQ(d.items[0].label, "connect()");
  EXPECT_EQ(d.items[3].kind, decode::SequenceItemKind::SocketEvent);  // accept() between SYN-ACK and ACK
  EXPECT_EQ(d.items[3].src_node, 1);
  EXPECT_EQ(d.items[3].label, "accept() = 5");
  EXPECT_EQ(d.items[3].state_after[1], decode::TcpState::SynReceived);
}

}  // namespace
}  // namespace wirelab
