// SocketTracer journals real calls with their results, errno and addresses; ByteBuffer keeps
// its indices honest. No capture needed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>

#include "servers/byte_buffer.hpp"
#include "servers/socket_tracer.hpp"

namespace wirelab::test {
namespace {

using decode::SocketCall;

TEST(SocketTracer, SendIsStampedBeforeItsSegmentCanLeave) {
  servers::Journal j;
  servers::SocketTracer a(&j, "client 1"), b(&j, "server");
  const int lfd = b.socket();
  ASSERT_EQ(b.bind(lfd), 0);
  ASSERT_EQ(b.listen(lfd, 1), 0);
  const int c = a.socket();
  ASSERT_EQ(a.connect(c, servers::SocketTracer::local_port(lfd)), 0);
  const int s = b.accept(lfd);
  ASSERT_GE(s, 0);
  const std::int64_t before = servers::realtime_ns();
  ASSERT_EQ(a.send(c, "hi", 2), 2);
  char buf[4];
  ASSERT_EQ(b.recv(s, buf, sizeof buf), 2);
  for (int fd : {c, s, lfd}) ::close(fd);
  std::int64_t send_ts = 0, recv_ts = 0;
  for (const auto& e : j.snapshot()) {
    if (e.call == SocketCall::Send) send_ts = e.ts_ns;
    if (e.call == SocketCall::Recv) recv_ts = e.ts_ns;
  }
  EXPECT_GE(send_ts, before);
  EXPECT_LT(send_ts, recv_ts);
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
