#include "servers/udp_echo.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace wirelab::servers {
namespace {

TEST(UdpEcho, EchoesEachMessageBackToItsSender) {
  Journal journal;
  UdpEchoServer server(&journal);
  auto port = server.start();
  ASSERT_TRUE(port) << port.error().message;
  ASSERT_NE(*port, 0);
  auto a = UdpEchoClient::open(&journal, "client 1");
  auto b = UdpEchoClient::open(&journal, "client 2");
  ASSERT_TRUE(a && b);
  const SockAddr addr{.ip = kLoopback, .port = *port};
  auto ra = a->echo("hello from a", addr);
  auto rb = b->echo("and from b", addr);
  ASSERT_TRUE(ra) << ra.error().message;
  ASSERT_TRUE(rb) << rb.error().message;
  EXPECT_EQ(*ra, "hello from a");
  EXPECT_EQ(*rb, "and from b");
  server.stop();
  EXPECT_EQ(server.datagrams(), 2u);
}

TEST(UdpEcho, JournalRecordsEveryCallWithBytesAndPeers) {
  Journal journal;
  UdpEchoServer server(&journal);
  auto port = server.start();
  ASSERT_TRUE(port);
  {
    auto c = UdpEchoClient::open(&journal, "client 1");
    ASSERT_TRUE(c);
    ASSERT_TRUE(c->echo("12345", {.ip = kLoopback, .port = *port}));
  }
  server.stop();
  const auto events = journal.snapshot();
  auto find = [&](std::string_view actor, SocketCall call) {
    return std::find_if(events.begin(), events.end(), [&](const SocketEvent& e) { return e.actor == actor && e.call == call; });
  };
  ASSERT_NE(find("server", SocketCall::Socket), events.end());
  const auto bind = find("server", SocketCall::Bind);
  ASSERT_NE(bind, events.end());
  EXPECT_EQ(bind->local.port, *port);
  const auto client_send = find("client 1", SocketCall::SendTo);
  ASSERT_NE(client_send, events.end());
  EXPECT_EQ(client_send->bytes, 5u);
  EXPECT_EQ(client_send->peer.port, *port);
  const auto server_recv = find("server", SocketCall::RecvFrom);
  ASSERT_NE(server_recv, events.end());
  EXPECT_EQ(server_recv->bytes, 5u);
  EXPECT_NE(client_send->local.port, 0) << "the implicit bind's port is journaled";
  EXPECT_EQ(server_recv->peer.port, client_send->local.port);
  EXPECT_LE(client_send->ts_ns, server_recv->ts_ns);
  EXPECT_NE(find("client 1", SocketCall::Close), events.end());
  EXPECT_NE(find("server", SocketCall::Close), events.end());
}

TEST(UdpEcho, ClientReportsAClearErrorWhenNobodyAnswers) {
  Journal journal;
  // A bound socket that never answers: the client's datagrams vanish into its queue.
  auto silent = DatagramSocket::open_udp(&journal, "silent");
  ASSERT_TRUE(silent);
  auto bound = silent->bind({.ip = kLoopback, .port = 0});
  ASSERT_TRUE(bound);
  auto c = UdpEchoClient::open(&journal, "client 1");
  ASSERT_TRUE(c);
  auto r = c->echo("anyone?", *bound, 50, 2);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no echo"), std::string::npos);
}

}  // namespace
}  // namespace wirelab::servers
