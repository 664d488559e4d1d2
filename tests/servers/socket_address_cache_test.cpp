// The process-wide address cache survives fork(): the fork model's child journals through it
// while the parent's other threads (clients, the capture relay) keep using it. A child that
// inherited the cache's lock in the locked state would hang in its first journaled call, and
// its client would wait for an echo that never comes.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "servers/socket_address_cache.hpp"

namespace wirelab::test {
namespace {

TEST(SocketAddressCache, AForkChildCanUseItWhileAnotherThreadKeepsItBusy) {
  int pair[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
  auto& cache = servers::SocketAddressCache::instance();
  std::atomic<bool> stop{false};
  std::thread busy([&] {  // holds the cache's lock most of the time, as a busy client thread does
    while (!stop.load(std::memory_order_relaxed))
      for (int i = 0; i < 64; ++i) cache.forget(pair[0]);
  });
  int hung = 0, forks = 0;
  for (; forks < 200 && hung == 0; ++forks) {  // bounded: 200 forks, each child lives < 2 s
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::alarm(2);  // a child stuck on the lock dies of SIGALRM instead of hanging the test
      decode::SockAddr local, peer;
      cache.lookup(pair[0], local, peer);
      cache.forget(pair[0]);
      ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++hung;
  }
  stop = true;
  busy.join();
  ::close(pair[0]);
  ::close(pair[1]);
  EXPECT_EQ(hung, 0) << "a fork child hung on the address cache's lock (fork " << forks << " of 200)";
}

}  // namespace
}  // namespace wirelab::test
