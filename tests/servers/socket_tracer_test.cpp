// SocketTracer journals real calls with their results, errno and addresses; ByteBuffer keeps
// its indices honest. No capture needed.
#include <gtest/gtest.h>

#include <cerrno>

#include "servers/byte_buffer.hpp"
#include "servers/socket_tracer.hpp"

namespace wirelab::test {
namespace {

using decode::SocketCall;

TEST(SocketTracer, DatagramsCarryTheirPeerAndByteCount) {
  servers::Journal j;
  servers::SocketTracer a(&j, "client 1"), b(&j, "server");
  const int rx = b.socket(SOCK_DGRAM);
  ASSERT_EQ(b.bind(rx), 0);
  const std::uint16_t port = servers::SocketTracer::local_port(rx);
  const int tx = a.socket(SOCK_DGRAM);
  ASSERT_EQ(a.sendto(tx, "hello", 5, port), 5);
  char buf[16];
  decode::SockAddr from;
  ASSERT_EQ(b.recvfrom(rx, buf, sizeof buf, &from), 5);
  a.close(tx);
  b.close(rx);
  const auto ev = j.snapshot();
  const decode::SocketEvent* sent = nullptr;
  const decode::SocketEvent* got = nullptr;
  for (const auto& e : ev) {
    if (e.call == SocketCall::SendTo) sent = &e;
    if (e.call == SocketCall::RecvFrom) got = &e;
  }
  ASSERT_TRUE(sent && got);
  EXPECT_EQ(sent->peer.port, port);
  EXPECT_EQ(sent->bytes, 5u);
  EXPECT_EQ(got->actor, "server");
  EXPECT_EQ(got->peer.port, from.port);
  EXPECT_EQ(got->peer.port, sent->local.port) << "the receiver sees the sender's port";
  EXPECT_EQ(got->peer.ip, 0x7f000001u);
}

TEST(SocketTracer, FailedCallsKeepTheirErrno) {
  servers::Journal j;
  servers::SocketTracer t(&j, "client 1");
  const int holder = t.socket();
  ASSERT_EQ(t.bind(holder), 0);  // bound, not listening: a closed port nobody can take
  const std::uint16_t port = servers::SocketTracer::local_port(holder);
  const int fd = t.socket();
  EXPECT_EQ(t.connect(fd, port), -1);
  EXPECT_EQ(errno, ECONNREFUSED) << "errno survives the journaling";
  t.close(fd);
  t.close(holder);
  int refused = 0, connects = 0;
  for (const auto& e : j.snapshot()) {
    refused += e.call == SocketCall::ConnectReturn && e.result == -1 && e.err == ECONNREFUSED;
    connects += e.call == SocketCall::Connect;
  }
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(connects, 1) << "connect is journaled when called and when it returns";
}

TEST(SocketTracer, WithoutAJournalTheCallsStillHappen) {
  servers::SocketTracer t(nullptr, "bench");
  const int fd = t.socket();
  ASSERT_GE(fd, 0);
  EXPECT_EQ(t.bind(fd), 0);
  EXPECT_NE(servers::SocketTracer::local_port(fd), 0);
  EXPECT_EQ(t.close(fd), 0);
}

TEST(ByteBuffer, ConsumesPastTheEndOnlyUpToWhatIsThere) {
  servers::ByteBuffer b;
  b.append("abc");
  b.consume(10);
  EXPECT_TRUE(b.empty());
  b.append("\x01\x02xyz");
  std::uint16_t v = 0;
  EXPECT_TRUE(b.peek_be16(0, v));
  EXPECT_EQ(v, 0x0102);
  EXPECT_FALSE(b.peek_be16(4, v)) << "only 1 byte at offset 4";
  EXPECT_EQ(b.take(100), std::string("\x01\x02xyz"));
}

TEST(ByteBuffer, KeepsUnreadBytesAcrossGrowth) {
  servers::ByteBuffer b;
  b.append("head-");
  b.consume(2);
  for (int i = 0; i < 1000; ++i) b.append("0123456789");
  EXPECT_EQ(b.readable(), 3u + 10000u);
  EXPECT_EQ(b.view().substr(0, 5), "ad-01");
}

}  // namespace
}  // namespace wirelab::test
