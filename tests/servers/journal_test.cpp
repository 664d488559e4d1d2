// The journal keeps every event in the order it was recorded, across the storage's chunk
// boundaries, with strings intact, and hands the listener exactly what snapshot() returns.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "servers/journal.hpp"

namespace wirelab::servers {
namespace {

TEST(Journal, KeepsFiftyThousandEventsInOrderAcrossChunks) {
  Journal journal;
  std::vector<std::int64_t> seen;
  journal.set_listener([&](const SocketEvent& e) { seen.push_back(e.result); });
  constexpr int kEvents = 50000;  // three chunks of the event store and part of a fourth
  for (int i = 0; i < kEvents; ++i) {
    SocketEvent e = socket_event(SocketCall::Send, 7, i, 0, "server");
    e.ts_ns = 1'000'000 + i;
    e.detail = "epoll_wait: 3 ready: fd 7 fd 8 fd " + std::to_string(i);  // longer than SSO
    journal.record(std::move(e));
  }
  ASSERT_EQ(journal.size(), static_cast<std::size_t>(kEvents));
  const std::vector<SocketEvent> events = journal.snapshot();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(kEvents));
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kEvents));
  for (int i = 0; i < kEvents; i += 997) {
    EXPECT_EQ(events[i].result, i);
    EXPECT_EQ(seen[i], i);
    EXPECT_EQ(events[i].actor, "server");
    EXPECT_EQ(events[i].detail, "epoll_wait: 3 ready: fd 7 fd 8 fd " + std::to_string(i));
  }
  EXPECT_EQ(events.back().result, kEvents - 1);
}

TEST(Journal, ClearEmptiesItAndItFillsAgain) {
  Journal journal;
  for (int i = 0; i < 20000; ++i) journal.record(socket_event(SocketCall::Recv, 5, i, 0, "client 1"));
  journal.clear();
  EXPECT_EQ(journal.size(), 0u);
  EXPECT_TRUE(journal.snapshot().empty());
  journal.record(socket_event(SocketCall::Close, 5, 0, 0, "client 1"));
  const auto events = journal.snapshot();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].call, SocketCall::Close);
  EXPECT_GT(events[0].ts_ns, 0);  // stamped by record()
}

}  // namespace
}  // namespace wirelab::servers
