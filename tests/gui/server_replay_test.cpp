// Replaying the socket-event journal into the server's structure at a moment in time.
#include "gui/server_replay.hpp"

#include <gtest/gtest.h>

namespace wirelab::gui {
namespace {

using decode::SocketCall;
using decode::SocketEvent;

SocketEvent ev(std::int64_t t, std::string actor, int pid, int tid, SocketCall call, int fd, std::int64_t result,
               std::uint16_t peer_port = 0, std::string detail = {}) {
  SocketEvent e{.ts_ns = t, .pid = pid, .tid = tid, .fd = fd, .call = call, .result = result,
                .local = {.ip = 0x7f000001, .port = 7}, .peer = {.ip = peer_port ? 0x7f000001u : 0u, .port = peer_port},
                .actor = std::move(actor), .detail = std::move(detail)};
  return e;
}

// An event-loop server: listener fd 3, two clients accepted as fd 5 and 6, one closed.
std::vector<SocketEvent> loop_run() {
  return {
      ev(10, "server", 100, 100, SocketCall::Socket, 3, 3),
      ev(11, "server", 100, 100, SocketCall::Bind, 3, 0),
      ev(12, "server", 100, 100, SocketCall::Listen, 3, 0),
      ev(20, "client 1", 200, 200, SocketCall::Connect, 4, 0),
      ev(30, "server", 100, 100, SocketCall::Wakeup, -1, 1, 0, "epoll_wait: 1 ready: listener fd 3 in"),
      ev(31, "server", 100, 100, SocketCall::Accept, 5, 5, 40001),
      ev(32, "server", 100, 100, SocketCall::Accept, 6, 6, 40002),
      ev(40, "server", 100, 100, SocketCall::Recv, 5, 5, 40001),
      ev(50, "server", 100, 100, SocketCall::Close, 5, 0),
  };
}

TEST(ServerReplay, ListenerAndAcceptedConnectionsAtEachMoment) {
  const auto events = loop_run();
  ServerSnapshot s = replay_server(events, 15);
  ASSERT_EQ(s.sockets.size(), 1u);
  EXPECT_TRUE(s.sockets[0].listening);
  EXPECT_EQ(s.sockets[0].fd, 3);

  s = replay_server(events, 45);
  ASSERT_EQ(s.sockets.size(), 3u);
  EXPECT_TRUE(s.sockets[0].listening);
  EXPECT_EQ(s.sockets[1].fd, 5);
  EXPECT_EQ(s.sockets[1].peer.port, 40001);
  EXPECT_EQ(s.sockets[1].last_call, "recv 5 B");
  EXPECT_EQ(s.wakeup, "epoll_wait: 1 ready: listener fd 3 in");
  EXPECT_EQ(s.accepted_peers.size(), 2u);

  s = replay_server(events, 60);
  ASSERT_EQ(s.sockets.size(), 2u) << "fd 5 was closed";
  EXPECT_EQ(s.sockets[1].fd, 6);
  EXPECT_EQ(s.workers.size(), 1u) << "client events are not the server's";
}

TEST(ServerReplay, ForkChildInheritsDescriptorsAndThreadsAreWorkers) {
  std::vector<SocketEvent> events = {
      ev(10, "server", 100, 100, SocketCall::Socket, 3, 3),
      ev(12, "server", 100, 100, SocketCall::Listen, 3, 0),
      ev(31, "server", 100, 100, SocketCall::Accept, 5, 5, 40001),
      ev(32, "server", 100, 100, SocketCall::Fork, -1, 101),
      ev(33, "server", 100, 100, SocketCall::Close, 5, 0),
      ev(34, "server", 101, 101, SocketCall::Recv, 5, 4, 40001),
      ev(35, "server", 100, 102, SocketCall::ThreadStart, -1, 0),
      ev(36, "server", 100, 102, SocketCall::ThreadExit, -1, 0),
  };
  const ServerSnapshot s = replay_server(events, 40);
  // The parent closed its copy of fd 5; the child (pid 101) still holds it and its listener copy.
  int child_fd5 = 0, parent_fd5 = 0;
  for (const auto& sock : s.sockets) {
    if (sock.fd == 5 && sock.pid == 101) ++child_fd5;
    if (sock.fd == 5 && sock.pid == 100) ++parent_fd5;
  }
  EXPECT_EQ(child_fd5, 1);
  EXPECT_EQ(parent_fd5, 0);
  ASSERT_EQ(s.workers.size(), 3u);
  EXPECT_TRUE(s.workers[1].process);
  EXPECT_FALSE(s.workers[2].process);
  EXPECT_FALSE(s.workers[2].alive) << "the thread exited";
}

}  // namespace
}  // namespace wirelab::gui
