// TCP connection tracking on hand-built conversations: both endpoints' full RFC 9293 state
// sequences (with the frame of each transition), handshake and teardown kinds, TIME-WAIT
// holder, Zeek conn_state/history and relative numbers.
#include <gtest/gtest.h>

#include <filesystem>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/ipv4.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "conversation_builder.hpp"

namespace wirelab {
namespace {

using decode::HandshakeKind;
using decode::TeardownKind;
using test::ConversationBuilder;

// "CLOSED, SYN-SENT@1, ESTABLISHED@2": the initial state, then each state with its frame.
std::string states(const decode::TcpHistory& h) {
  std::string s;
  for (const decode::TcpTransition& t : h) {
    if (!s.empty()) s += ", ";
    s += decode::to_string(t.to);
    if (t.frame) s += "@" + std::to_string(t.frame);
  }
  return s;
}

struct Tracked {
  decode::Trackers trackers;
  std::vector<decode::PacketAnnotations> notes;
  const decode::TcpConnection& conn(std::size_t i = 0) const { return trackers.tcp().connections().at(i); }
};

std::unique_ptr<Tracked> run(const ConversationBuilder& b) {
  auto t = std::make_unique<Tracked>();
  t->notes = test::track(b.frames(), t->trackers);
  return t;
}

constexpr bool C = true, S = false;  // from client / from server

TEST(TcpTracker, ThreeWayHandshakeAndFourWayCloseByClient) {
  ConversationBuilder b;
  b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001)
      .tcp(C, "P.", 1001, 5001, "hello").tcp(S, ".", 5001, 1006)
      .tcp(C, "F.", 1006, 5001).tcp(S, ".", 5001, 1007).tcp(S, "F.", 5001, 1007).tcp(C, ".", 1007, 5002);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, FIN-WAIT-1@6, FIN-WAIT-2@7, TIME-WAIT@8");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, CLOSE-WAIT@6, LAST-ACK@8, CLOSED@9");
  EXPECT_EQ(c.handshake(), HandshakeKind::ThreeWay);
  EXPECT_EQ(c.teardown(), TeardownKind::FourWay);
  ASSERT_NE(c.time_wait_holder(), nullptr);
  EXPECT_EQ(c.time_wait_holder(), &c.client());
  EXPECT_EQ(c.conn_state(), "SF");
  EXPECT_EQ(c.history(), "ShADaFf");  // the server sent no data: no 'd'

  EXPECT_EQ(c.client().payload_bytes, 5u);
  EXPECT_EQ(c.handshake_rtt_ns(), 2000);  // SYN at +1 us, handshake ACK at +3 us
  // Relative numbers as tshark prints them.
  EXPECT_EQ(t->notes[0].tcp.rel_seq, 0u);
  EXPECT_EQ(t->notes[1].tcp.rel_ack, 1u);
  EXPECT_EQ(t->notes[3].tcp.next_seq, 6u);
  EXPECT_EQ(t->notes[8].tcp.rel_ack, 2u);
}

TEST(TcpTracker, ServerClosesFirstAndHoldsTimeWait) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101)
      .tcp(S, "F.", 101, 2).tcp(C, ".", 2, 102).tcp(C, "F.", 2, 102).tcp(S, ".", 102, 3);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, FIN-WAIT-1@4, FIN-WAIT-2@5, TIME-WAIT@6");
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, CLOSE-WAIT@4, LAST-ACK@6, CLOSED@7");
  EXPECT_EQ(c.time_wait_holder(), &c.server());
  EXPECT_EQ(c.teardown(), TeardownKind::FourWay);
}

TEST(TcpTracker, ThreeWayTeardownFinRidesOnTheAck) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101)
      .tcp(C, "F.", 2, 101).tcp(S, "F.", 101, 3).tcp(C, ".", 3, 102);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, FIN-WAIT-1@4, TIME-WAIT@5");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, CLOSE-WAIT@4, LAST-ACK@5, CLOSED@6");
  EXPECT_EQ(c.teardown(), TeardownKind::ThreeWay);
  EXPECT_EQ(c.conn_state(), "SF");
}

// RFC 9293 simultaneous open: each endpoint goes SYN-SENT -> SYN-RECEIVED (on the peer's SYN,
// answering SYN-ACK) -> ESTABLISHED (on the ACK of its own SYN). With crossing SYN-ACKs the
// endpoint whose SYN-ACK comes second sent it from SYN-RECEIVED: the first SYN-ACK was still in
// flight, so it must not jump from SYN-SENT straight to ESTABLISHED.
TEST(TcpTracker, SimultaneousOpenWithCrossingSynAcksClientAnswersFirst) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "S", 100, 0).tcp(C, "S.", 1, 101).tcp(S, "S.", 100, 2);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.handshake(), HandshakeKind::SimultaneousOpen);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, SYN-RECEIVED@2, ESTABLISHED@4");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "CLOSED, SYN-SENT@2, SYN-RECEIVED@4, ESTABLISHED@4");
  EXPECT_EQ(c.history(), "Ss");  // Zeek: a SYN-ACK repeating the SYN's sequence number adds no letter
}

TEST(TcpTracker, SimultaneousOpenWithCrossingSynAcksServerAnswersFirst) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "S", 100, 0).tcp(S, "S.", 100, 2).tcp(C, "S.", 1, 101)
      .tcp(C, ".", 2, 101).tcp(S, ".", 101, 2);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.handshake(), HandshakeKind::SimultaneousOpen);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, SYN-RECEIVED@2, ESTABLISHED@4");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "CLOSED, SYN-SENT@2, SYN-RECEIVED@3, ESTABLISHED@4");
  EXPECT_EQ(c.conn_state(), "S1");
}

TEST(TcpTracker, SimultaneousCloseBothPassThroughClosing) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101)
      .tcp(C, "F.", 2, 101).tcp(S, "F.", 101, 2)  // the server's FIN does not ack the client's: crossed
      .tcp(C, ".", 3, 102).tcp(S, ".", 102, 3);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.teardown(), TeardownKind::Simultaneous);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, FIN-WAIT-1@4, CLOSING@5, TIME-WAIT@7");
  // The server's FIN (5) crossed the client's; the client's FIN reached the server before the
  // client's ACK (6), so the server passes CLOSING on the way to TIME-WAIT at 6.
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, FIN-WAIT-1@5, CLOSING@6, TIME-WAIT@6");
}

TEST(TcpTracker, HalfCloseWithDataAfterTheFin) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101)
      .tcp(C, "F.", 2, 101).tcp(S, ".", 101, 3)
      .tcp(S, "P.", 101, 3, "more data").tcp(C, ".", 3, 110)
      .tcp(S, "F.", 110, 3).tcp(C, ".", 3, 111);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.teardown(), TeardownKind::HalfClose);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, FIN-WAIT-1@4, FIN-WAIT-2@5, TIME-WAIT@8");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, CLOSE-WAIT@4, LAST-ACK@8, CLOSED@9");
  EXPECT_EQ(c.server().payload_bytes, 9u);
}

TEST(TcpTracker, ResetByClientAndByServer) {
  {
    ConversationBuilder b;
    b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101).tcp(C, "R.", 2, 101);
    auto t = run(b);
    EXPECT_EQ(t->conn().teardown(), TeardownKind::ResetByClient);
    EXPECT_EQ(states(t->conn().states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, CLOSED@4");
    EXPECT_EQ(states(t->conn().states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, CLOSED@4");
    EXPECT_EQ(t->conn().conn_state(), "RSTO");
    EXPECT_EQ(t->conn().history(), "ShAR");
  }
  {
    ConversationBuilder b;
    b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101).tcp(C, "P.", 2, 101, "x").tcp(S, "R", 101, 0);
    auto t = run(b);
    EXPECT_EQ(t->conn().teardown(), TeardownKind::ResetByServer);
    EXPECT_EQ(states(t->conn().states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, CLOSED@5");
    EXPECT_EQ(t->conn().conn_state(), "RSTR");
  }
}

TEST(TcpTracker, RefusedConnection) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "R.", 0, 2);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.handshake(), HandshakeKind::Refused);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, CLOSED@2");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "CLOSED");  // nobody was listening
  EXPECT_EQ(c.conn_state(), "REJ");
  EXPECT_EQ(c.history(), "Sr");
}

TEST(TcpTracker, UnansweredSynRetransmits) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).gap(1'000'000'000).tcp(C, "S", 1, 0).gap(2'000'000'000).tcp(C, "S", 1, 0);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.handshake(), HandshakeKind::Unanswered);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "unknown");
  EXPECT_EQ(c.conn_state(), "S0");
  EXPECT_EQ(c.history(), "S");  // Zeek repeats 'S' only for a new sequence number
  EXPECT_EQ(t->notes[1].tcp.analysis & decode::tcp_analysis::kRetransmission, decode::tcp_analysis::kRetransmission);
  EXPECT_EQ(t->trackers.tcp().connections().size(), 1u);  // same ISN: the same stream
}

TEST(TcpTracker, MidstreamConnectionHasUnknownStartingStates) {
  ConversationBuilder b;
  b.tcp(C, "P.", 500, 900, "abc").tcp(S, ".", 900, 503).tcp(S, "F.", 900, 503).tcp(C, "F.", 503, 901)
      .tcp(S, ".", 901, 504);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.handshake(), HandshakeKind::None);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "unknown, CLOSE-WAIT@3, LAST-ACK@4, CLOSED@5");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "unknown, FIN-WAIT-1@3, TIME-WAIT@4");  // FIN that acks our FIN
  EXPECT_EQ(c.conn_state(), "SF");
  EXPECT_EQ(t->notes[0].tcp.rel_seq, 1u);  // tshark starts a midstream side at 1
}

TEST(TcpTracker, SequenceNumbersWrapAroundZero) {
  ConversationBuilder b;
  b.tcp(C, "S", 0xfffffffe, 0).tcp(S, "S.", 7, 0xffffffff).tcp(C, ".", 0xffffffff, 8)
      .tcp(C, "P.", 0xffffffff, 8, "abcd").tcp(S, ".", 8, 3).tcp(C, "F.", 3, 8).tcp(S, "F.", 8, 4).tcp(C, ".", 4, 9);
  auto t = run(b);
  const auto& c = t->conn();
  EXPECT_EQ(c.teardown(), TeardownKind::ThreeWay);
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, FIN-WAIT-1@6, TIME-WAIT@7");
  EXPECT_EQ(t->notes[5].tcp.rel_seq, 5u);
  EXPECT_EQ(t->notes[3].tcp.analysis, 0u);
}

TEST(TcpTracker, PortReuseAfterCloseStartsANewStream) {
  ConversationBuilder b;
  b.tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101).tcp(C, "F.", 2, 101).tcp(S, "F.", 101, 3)
      .tcp(C, ".", 3, 102).tcp(C, "S", 9000, 0).tcp(S, "S.", 7000, 9001);
  auto t = run(b);
  ASSERT_EQ(t->trackers.tcp().connections().size(), 2u);
  EXPECT_EQ(t->notes[6].tcp.stream, 1);
  EXPECT_EQ(t->notes[7].tcp.stream, 1);
  EXPECT_TRUE(t->notes[6].tcp.analysis & decode::tcp_analysis::kReusedPorts);
  EXPECT_EQ(t->notes[6].tcp.rel_seq, 0u);
}

// The tracker recognises the previous segment's connection from two packed words when the
// IPv4 header has no options, and the general way otherwise: a connection whose segments
// switch between the two is still one stream with one story.
TEST(TcpTracker, SegmentsWithAndWithoutIpOptionsStayOneConnection) {
  ConversationBuilder b;
  b.tcp(C, "S", 1000, 0).ip_options(true).tcp(S, "S.", 5000, 1001).ip_options(false).tcp(C, ".", 1001, 5001)
      .tcp(C, "P.", 1001, 5001, "hi").ip_options(true).tcp(S, ".", 5001, 1003).tcp(C, "F.", 1003, 5001)
      .ip_options(false).tcp(S, "F.", 5001, 1004).ip_options(true).tcp(C, ".", 1004, 5002);
  auto t = run(b);
  ASSERT_EQ(t->trackers.tcp().connections().size(), 1u);
  for (const auto& n : t->notes) EXPECT_EQ(n.tcp.stream, 0);
  const auto& c = t->conn();
  EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, FIN-WAIT-1@6, TIME-WAIT@7");
  EXPECT_EQ(states(c.states(decode::TcpSide::Server)), "LISTEN, SYN-RECEIVED@2, ESTABLISHED@3, CLOSE-WAIT@6, LAST-ACK@7, CLOSED@8");
  EXPECT_EQ(c.history(), "ShADaFf");  // the server sent no data
  EXPECT_EQ(t->notes[4].tcp.rel_ack, 3u);
}

// Two connections whose segments alternate: each segment misses the previous one's
// connection, and must still land on its own stream in its own direction.
TEST(TcpTracker, InterleavedConnectionsKeepTheirStreamsAndDirections) {
  ConversationBuilder b;
  constexpr std::uint16_t kPorts[] = {40000, 40001};
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(C, "S", 100u * port, 0);
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(S, "S.", 7, 100u * port + 1);
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(C, ".", 100u * port + 1, 8);
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(C, "P.", 100u * port + 1, 8, "abc");
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(S, ".", 8, 100u * port + 4);
  auto t = run(b);
  ASSERT_EQ(t->trackers.tcp().connections().size(), 2u);
  for (std::size_t i = 0; i < t->notes.size(); ++i) {
    EXPECT_EQ(t->notes[i].tcp.stream, static_cast<std::int64_t>(i % 2)) << "frame " << i + 1;
    EXPECT_EQ(t->notes[i].tcp.from_client, i / 2 != 1 && i / 2 != 4) << "frame " << i + 1;
  }
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(t->conn(i).handshake(), HandshakeKind::ThreeWay);
    EXPECT_EQ(t->conn(i).client().payload_bytes, 3u);
    EXPECT_EQ(t->conn(i).history(), "ShADa");
  }
  EXPECT_EQ(t->notes[9].tcp.rel_ack, 4u);
}

// The tracker remembers the last two connections. A new SYN on a 4-tuple whose old stream is
// the second of them starts a new stream, and the old one is not found again.
TEST(TcpTracker, PortReuseWhileTheOldStreamIsTheSecondRecentOne) {
  ConversationBuilder b;
  b.ports(40000, 7).tcp(C, "S", 1, 0).tcp(S, "S.", 100, 2).tcp(C, ".", 2, 101).tcp(C, "F.", 2, 101)
      .tcp(S, "F.", 101, 3).tcp(C, ".", 3, 102);                          // frames 1-6: stream 0, closed
  b.ports(40001, 7).tcp(C, "S", 500, 0);                                   // 7: stream 1
  b.ports(40000, 7).tcp(C, "S", 9000, 0);                                  // 8: port reuse, stream 2
  b.ports(40001, 7).tcp(S, "S.", 600, 501);                                // 9
  b.ports(40000, 7).tcp(S, "S.", 7000, 9001).tcp(C, ".", 9001, 7001);      // 10, 11
  b.ports(40001, 7).tcp(C, ".", 501, 601);                                 // 12
  b.ports(40000, 7).tcp(C, "P.", 9001, 7001, "new");                       // 13
  auto t = run(b);
  ASSERT_EQ(t->trackers.tcp().connections().size(), 3u);
  const std::int64_t expected[] = {0, 0, 0, 0, 0, 0, 1, 2, 1, 2, 2, 1, 2};
  for (std::size_t i = 0; i < t->notes.size(); ++i) EXPECT_EQ(t->notes[i].tcp.stream, expected[i]) << "frame " << i + 1;
  EXPECT_TRUE(t->notes[7].tcp.analysis & decode::tcp_analysis::kReusedPorts);
  EXPECT_EQ(t->notes[12].tcp.rel_seq, 1u);
  EXPECT_EQ(t->notes[12].tcp.rel_ack, 1u);
  EXPECT_EQ(t->conn(0).client().packets, 4u);  // nothing after the reuse went to the old stream
  EXPECT_EQ(t->conn(2).client().payload_bytes, 3u);
  EXPECT_EQ(t->conn(2).handshake(), HandshakeKind::ThreeWay);
}

// Three connections taking turns: every segment misses the last two connections and goes
// the general way. The same with the dissector's Ethernet/IPv4 fast path off, where the
// tracker reads the headers through the layers instead.
TEST(TcpTracker, ThreeConnectionsTakingTurnsWithAndWithoutTheDissectorsFastPath) {
  ConversationBuilder b;
  constexpr std::uint16_t kPorts[] = {40000, 40001, 40002};
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(C, "S", 100u * port, 0);
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(S, "S.", 7, 100u * port + 1);
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(C, ".", 100u * port + 1, 8);
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(C, "P.", 100u * port + 1, 8, "abcd");
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(S, "P.", 8, 100u * port + 5, "xy");
  for (std::uint16_t port : kPorts) b.ports(port, 7).tcp(C, ".", 100u * port + 5, 10);
  for (const bool fast : {true, false}) {
    decode::Trackers trackers;
    const auto notes = test::track(b.frames(), trackers, fast);
    const auto& conns = trackers.tcp().connections();
    ASSERT_EQ(conns.size(), 3u) << fast;
    for (std::size_t i = 0; i < notes.size(); ++i) {
      EXPECT_EQ(notes[i].tcp.stream, static_cast<std::int64_t>(i % 3)) << "frame " << i + 1 << " fast " << fast;
      EXPECT_EQ(notes[i].tcp.from_client, i / 3 != 1 && i / 3 != 4) << "frame " << i + 1 << " fast " << fast;
    }
    EXPECT_EQ(notes[17].tcp.rel_ack, 3u);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(conns.at(i).client().payload_bytes, 4u);
      EXPECT_EQ(conns.at(i).server().payload_bytes, 2u);
      EXPECT_EQ(conns.at(i).history(), "ShADd");  // the server sent no pure ACK
    }
  }
}

// The builder leaves TCP checksums 0, as loopback captures (offloaded) do; this fills them in.
std::vector<test::Frame> with_tcp_checksums(std::vector<test::Frame> frames) {
  constexpr std::size_t kTcp = 14 + 20;
  for (test::Frame& f : frames) {
    const auto len = static_cast<std::uint32_t>(f.bytes.size() - kTcp);
    const std::uint32_t pseudo = 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 6 + len;  // 127.0.0.1 both ways
    const std::uint16_t sum = decode::internet_checksum(Bytes(f.bytes).subspan(kTcp), pseudo);
    f.bytes[kTcp + 16] = std::byte(sum >> 8);
    f.bytes[kTcp + 17] = std::byte(sum & 0xff);
  }
  return frames;
}

TEST(TcpTracker, ZeekChecksumLettersOnlyWhenVerificationIsOn) {
  ConversationBuilder b;
  b.tcp(C, "S", 1000, 0).tcp(S, "S.", 5000, 1001).tcp(C, ".", 1001, 5001)
      .tcp(C, "P.", 1001, 5001, "hello").tcp(S, ".", 5001, 1006)
      .tcp(C, "F.", 1006, 5001).tcp(S, ".", 5001, 1007).tcp(S, "F.", 5001, 1007).tcp(C, ".", 1007, 5002);
  auto frames = with_tcp_checksums(b.frames());
  frames[3].bytes[14 + 20 + 17] ^= std::byte{0x5a};  // the client's data segment arrives corrupt

  {  // Off (the default, like `zeek -C`): the corrupt segment counts like any other.
    decode::Trackers t;
    test::track(frames, t);
    EXPECT_EQ(t.tcp().connections().at(0).history(), "ShADaFf");
  }
  {  // On (like `zeek` without -C): only a 'C' for it, nothing else, and it is not counted.
    decode::Trackers t;
    t.verify_checksums(true);
    test::track(frames, t);
    const auto& c = t.tcp().connections().at(0);
    EXPECT_EQ(c.history(), "ShACaFf");
    EXPECT_EQ(c.client().bad_checksums, 1u);
    EXPECT_EQ(c.server().bad_checksums, 0u);
    EXPECT_EQ(c.conn_state(), "SF");
    // The RFC states and tshark's numbering do not depend on it (tshark does not check either).
    EXPECT_EQ(states(c.states(decode::TcpSide::Client)), "CLOSED, SYN-SENT@1, ESTABLISHED@2, FIN-WAIT-1@6, FIN-WAIT-2@7, TIME-WAIT@8");
  }
  {  // On, over a capture with offloaded (unfilled) checksums: everything is corrupt to Zeek,
     // which is why wirelab leaves verification off unless asked.
    decode::Trackers t;
    t.verify_checksums(true);
    test::track(b.frames(), t);
    const auto& c = t.tcp().connections().at(0);
    EXPECT_EQ(c.history(), "Cc");  // logarithmic: the 10th bad segment of a side would add another
    EXPECT_EQ(c.conn_state(), "OTH");
  }
}

// Without the story (wirelab-cli -r with no -z conns / -z timeline) tracking still keeps
// every number the conversation tables and tshark's analysis use; only the states, kinds and
// Zeek letters are left out. Checked on every corpus capture that carries TCP.
TEST(TcpTracker, WithoutTheStoryTheCountersTimesAndRttStayTheSame) {
  namespace fs = std::filesystem;
  std::size_t files = 0, conns = 0, with_rtt = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "pcaps")) {
    std::vector<capture::PacketStream> runs;
    for (const bool story : {true, false}) {
      auto s = capture::PacketStream::open(e.path().string());
      if (!s) break;
      s->trackers().keep_connection_story(story);
      while (s->next()) {
      }
      runs.push_back(std::move(*s));
    }
    if (runs.size() != 2) continue;
    const auto& full = runs[0].trackers().tcp().connections();
    const auto& bare = runs[1].trackers().tcp().connections();
    ASSERT_EQ(bare.size(), full.size()) << e.path().filename().string();
    if (full.size() == 0) continue;
    ++files;
    // No story records at all without the story.
    EXPECT_GE(runs[0].trackers().tcp().memory_bytes(),
              runs[1].trackers().tcp().memory_bytes() + full.size() * sizeof(decode::TcpStory))
        << e.path().filename().string();
    for (std::size_t i = 0; i < full.size(); ++i, ++conns) {
      const decode::TcpConnection& f = full.at(i);
      const decode::TcpConnection& b = bare.at(i);
      const std::string where = e.path().filename().string() + " stream " + std::to_string(i);
      EXPECT_EQ(b.first_src(), f.first_src()) << where;
      EXPECT_EQ(b.first_dst(), f.first_dst()) << where;
      for (const auto side : {decode::TcpSide::Client, decode::TcpSide::Server}) {
        EXPECT_EQ(b.endpoint(side).address, f.endpoint(side).address) << where;
        EXPECT_EQ(b.endpoint(side).packets, f.endpoint(side).packets) << where;
        EXPECT_EQ(b.endpoint(side).payload_bytes, f.endpoint(side).payload_bytes) << where;
        EXPECT_EQ(b.endpoint(side).table_packets, f.endpoint(side).table_packets) << where;
        EXPECT_EQ(b.endpoint(side).table_bytes, f.endpoint(side).table_bytes) << where;
      }
      EXPECT_EQ(b.first_ts_ns(), f.first_ts_ns()) << where;
      EXPECT_EQ(b.last_ts_ns(), f.last_ts_ns()) << where;
      EXPECT_EQ(b.handshake_rtt_ns(), f.handshake_rtt_ns()) << where;
      with_rtt += f.handshake_rtt_ns() != 0;
      // The story really was left out: no state after the initial one.
      EXPECT_TRUE(b.states(decode::TcpSide::Client).empty()) << where;
      EXPECT_TRUE(b.states(decode::TcpSide::Server).empty()) << where;
      EXPECT_TRUE(b.history().empty()) << where;
    }
  }
  EXPECT_GT(files, 15u);
  EXPECT_GT(conns, 40u);
  EXPECT_GT(with_rtt, 15u);
}

// Checksum verification sends every segment through TcpConnection::on_segment(); without it
// nearly every segment of a settled connection takes on_plain_segment(). Both ways, with and
// without the story, every packet's tcp.* fields and every connection's counters are the same
// (a bad checksum changes only Zeek's summary, not tshark's fields). Every corpus capture.
TEST(TcpTracker, ThePlainSegmentPathAnnotatesAndCountsLikeTheGeneralOne) {
  namespace fs = std::filesystem;
  std::size_t files = 0, segments = 0, histories = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "pcaps")) {
    for (const bool story : {true, false}) {
      auto general = capture::PacketStream::open(e.path().string());
      auto plain = capture::PacketStream::open(e.path().string());
      if (!general || !plain) break;
      general->trackers().verify_checksums(true);
      for (auto* s : {&*general, &*plain}) s->trackers().keep_connection_story(story);
      const std::string file = e.path().filename().string() + (story ? " (story)" : "");
      while (general->next()) {
        ASSERT_TRUE(plain->next()) << file;
        const decode::TcpAnnotation& g = general->annotations().tcp;
        const decode::TcpAnnotation& p = plain->annotations().tcp;
        const std::string where = file + " frame " + std::to_string(general->packet().number);
        EXPECT_EQ(p.stream, g.stream) << where;
        EXPECT_EQ(p.has_rel, g.has_rel) << where;
        EXPECT_EQ(p.rel_seq, g.rel_seq) << where;
        EXPECT_EQ(p.rel_ack, g.rel_ack) << where;
        EXPECT_EQ(p.next_seq, g.next_seq) << where;
        EXPECT_EQ(p.analysis, g.analysis) << where;
        EXPECT_EQ(p.dup_ack_num, g.dup_ack_num) << where;
        EXPECT_EQ(p.dup_ack_frame, g.dup_ack_frame) << where;
        EXPECT_EQ(p.time_relative_ns, g.time_relative_ns) << where;
        EXPECT_EQ(p.time_delta_ns, g.time_delta_ns) << where;
        EXPECT_EQ(p.from_client, g.from_client) << where;
        segments += g.stream >= 0;
      }
      EXPECT_FALSE(plain->next()) << file;
      const auto& gc = general->trackers().tcp().connections();
      const auto& pc = plain->trackers().tcp().connections();
      ASSERT_EQ(pc.size(), gc.size()) << file;
      files += story && gc.size() > 0;
      for (std::size_t i = 0; i < gc.size(); ++i)
        for (const auto side : {decode::TcpSide::Client, decode::TcpSide::Server}) {
          const std::string where = file + " stream " + std::to_string(i);
          EXPECT_EQ(pc.at(i).endpoint(side).packets, gc.at(i).endpoint(side).packets) << where;
          EXPECT_EQ(pc.at(i).endpoint(side).payload_bytes, gc.at(i).endpoint(side).payload_bytes) << where;
          EXPECT_EQ(pc.at(i).endpoint(side).wire_bytes, gc.at(i).endpoint(side).wire_bytes) << where;
          EXPECT_EQ(pc.at(i).endpoint(side).table_bytes, gc.at(i).endpoint(side).table_bytes) << where;
          EXPECT_EQ(pc.at(i).last_ts_ns(), gc.at(i).last_ts_ns()) << where;
          EXPECT_EQ(pc.at(i).last_frame(), gc.at(i).last_frame()) << where;
          // Zeek's letters, where no checksum was found bad (those add c/C and leave the
          // segment out of the summary).
          const bool bad = gc.at(i).client().bad_checksums || gc.at(i).server().bad_checksums;
          if (story && !bad) {
            EXPECT_EQ(pc.at(i).history(), gc.at(i).history()) << where;
            EXPECT_EQ(pc.at(i).conn_state(), gc.at(i).conn_state()) << where;
            histories += side == decode::TcpSide::Client;
          }
        }
    }
  }
  EXPECT_GT(files, 15u);
  EXPECT_GT(segments, 1000u);
  EXPECT_GT(histories, 20u);
}

}  // namespace
}  // namespace wirelab
