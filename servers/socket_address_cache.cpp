#include "servers/socket_address_cache.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>

namespace wirelab::servers {
namespace {

// Largest fd number the table holds; higher fds are asked from the kernel every time.
constexpr int kMaxCachedFd = 1 << 20;

bool query(int fd, int (*get)(int, sockaddr*, socklen_t*), decode::SockAddr& out) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  if (get(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0 || a.sin_family != AF_INET) return false;
  out = {.ip = ntohl(a.sin_addr.s_addr), .port = ntohs(a.sin_port)};
  return true;
}

}  // namespace

SocketAddressCache& SocketAddressCache::instance() {
  static SocketAddressCache cache;
  // The fork model forks while client threads journal through this cache. A child that
  // inherited the lock held by one of them would hang in its first journaled call, so fork()
  // takes the lock first and both sides release it after (the child's one thread is the one
  // that took it).
  static const bool fork_safe = [] {
    ::pthread_atfork([] { cache.mu_.lock(); }, [] { cache.mu_.unlock(); }, [] { cache.mu_.unlock(); });
    return true;
  }();
  (void)fork_safe;
  return cache;
}

void SocketAddressCache::lookup(int fd, decode::SockAddr& local, decode::SockAddr& peer) {
  if (fd < 0) return;
  if (fd < kMaxCachedFd) {
    std::lock_guard lock(mu_);
    if (static_cast<std::size_t>(fd) < by_fd_.size() && by_fd_[static_cast<std::size_t>(fd)].known) {
      const Entry& e = by_fd_[static_cast<std::size_t>(fd)];
      local = e.local;
      peer = e.peer;
      return;
    }
  }
  const bool has_local = query(fd, ::getsockname, local);
  const bool has_peer = query(fd, ::getpeername, peer);
  if (!has_local || !has_peer || local.port == 0 || fd >= kMaxCachedFd) return;
  std::lock_guard lock(mu_);
  if (static_cast<std::size_t>(fd) >= by_fd_.size()) by_fd_.resize(static_cast<std::size_t>(fd) + 1);
  by_fd_[static_cast<std::size_t>(fd)] = {.known = true, .local = local, .peer = peer};
}

void SocketAddressCache::forget(int fd) {
  if (fd < 0 || fd >= kMaxCachedFd) return;
  std::lock_guard lock(mu_);
  if (static_cast<std::size_t>(fd) < by_fd_.size()) by_fd_[static_cast<std::size_t>(fd)].known = false;
}

}  // namespace wirelab::servers
