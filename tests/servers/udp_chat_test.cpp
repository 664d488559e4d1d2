#include "servers/udp_chat_server.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace wirelab::servers {
namespace {

std::string receive_text(DatagramSocket& s, int timeout_ms = 1000) {
  std::vector<std::byte> buf(2048);
  const DatagramReceive r = s.receive(buf, timeout_ms);
  if (r.status != DatagramReceive::Status::Data) return "<nothing>";
  return std::string(as_chars(std::span<const std::byte>(buf.data(), r.size)));
}

TEST(UdpChat, RelaysEachDatagramToEveryOtherKnownClientButNotTheSender) {
  Journal journal;
  UdpChatServer server(&journal);
  auto port = server.start();
  ASSERT_TRUE(port);
  const SockAddr addr{.ip = kLoopback, .port = *port};
  std::vector<DatagramSocket> clients;
  for (int i = 1; i <= 3; ++i) {
    auto c = DatagramSocket::open_udp(&journal, "client " + std::to_string(i));
    ASSERT_TRUE(c);
    ASSERT_TRUE(c->bind({.ip = kLoopback, .port = 0}));
    clients.push_back(std::move(*c));
  }
  // Joining: each client announces itself; earlier clients hear the later ones join.
  clients[0].send_to(as_bytes("1 joined"), addr);
  clients[1].send_to(as_bytes("2 joined"), addr);
  EXPECT_EQ(receive_text(clients[0]), "2 joined");
  clients[2].send_to(as_bytes("3 joined"), addr);
  EXPECT_EQ(receive_text(clients[0]), "3 joined");
  EXPECT_EQ(receive_text(clients[1]), "3 joined");
  ASSERT_EQ(server.clients().size(), 3u);

  clients[1].send_to(as_bytes("hi all"), addr);
  EXPECT_EQ(receive_text(clients[0]), "hi all");
  EXPECT_EQ(receive_text(clients[2]), "hi all");
  // The sender gets no copy of its own message.
  EXPECT_EQ(receive_text(clients[1], 100), "<nothing>");
  server.stop();
}

}  // namespace
}  // namespace wirelab::servers
