#include "servers/udp_broadcast.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <cerrno>
#include <vector>

namespace wirelab::servers {
namespace {

TEST(UdpBroadcast, EveryListenerOnThePortGetsACopy) {
  Journal journal;
  std::vector<DatagramSocket> listeners;
  std::uint16_t port = 0;
  for (int i = 1; i <= 3; ++i) {
    auto l = open_broadcast_listener(&journal, "listener " + std::to_string(i), port);
    ASSERT_TRUE(l) << l.error().message;
    port = l->local().port;
    listeners.push_back(std::move(*l));
  }
  auto sender = open_broadcast_sender(&journal, "sender");
  ASSERT_TRUE(sender) << sender.error().message;
  ASSERT_EQ(sender->send_to(as_bytes("to everyone"), {.ip = kLoopbackBroadcast, .port = port}), 11);
  for (auto& l : listeners) {
    std::vector<std::byte> buf(64);
    const DatagramReceive r = l.receive(buf, 1000);
    ASSERT_EQ(r.status, DatagramReceive::Status::Data) << l.actor();
    EXPECT_EQ(as_chars(std::span<const std::byte>(buf.data(), r.size)), "to everyone");
    EXPECT_EQ(r.from.ip, kLoopback);
  }
}

TEST(UdpBroadcast, SendingWithoutSoBroadcastIsRefusedWithEacces) {
  Journal journal;
  auto l = open_broadcast_listener(&journal, "listener", 0);
  ASSERT_TRUE(l);
  auto plain = DatagramSocket::open_udp(&journal, "sender");
  ASSERT_TRUE(plain);
  EXPECT_LT(plain->send_to(as_bytes("x"), {.ip = kLoopbackBroadcast, .port = l->local().port}), 0);
  EXPECT_EQ(errno, EACCES);
  const auto events = journal.snapshot();
  ASSERT_FALSE(events.empty());
  bool journaled = false;
  for (const auto& e : events) journaled |= e.call == SocketCall::SendTo && e.err == EACCES;
  EXPECT_TRUE(journaled);
}

}  // namespace
}  // namespace wirelab::servers
