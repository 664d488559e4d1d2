#include "servers/journal.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <ctime>

namespace wirelab::servers {
namespace {

// getpid() and gettid() are real system calls; a busy server journals hundreds of thousands
// of events per second, so each thread asks once. A fork child gets new ids: the atfork
// handler bumps the generation, and the child's thread then asks again.
std::atomic<unsigned> fork_generation{1};

struct ThreadIds {
  unsigned generation = 0;
  std::int32_t pid = 0, tid = 0;
};

const ThreadIds& this_thread_ids() {
  static const bool registered = [] {
    ::pthread_atfork(nullptr, nullptr, [] { fork_generation.fetch_add(1, std::memory_order_relaxed); });
    return true;
  }();
  (void)registered;
  thread_local ThreadIds ids;
  const unsigned gen = fork_generation.load(std::memory_order_relaxed);
  if (ids.generation != gen) {
    ids = {gen, static_cast<std::int32_t>(::getpid()), static_cast<std::int32_t>(::syscall(SYS_gettid))};
  }
  return ids;
}

}  // namespace

std::int64_t realtime_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

void Journal::record(SocketEvent e) {
  if (e.ts_ns == 0) e.ts_ns = realtime_ns();
  if (e.pid == 0 || e.tid == 0) {
    const ThreadIds& ids = this_thread_ids();
    if (e.pid == 0) e.pid = ids.pid;
    if (e.tid == 0) e.tid = ids.tid;
  }
  std::lock_guard lock(mu_);
  if (redirect_fd_ >= 0) {
    const auto bytes = decode::encode_event(e);
    std::size_t off = 0;
    while (off < bytes.size()) {  // one record is far below PIPE_BUF-sized atomicity concerns per writer
      const ssize_t n = ::write(redirect_fd_, bytes.data() + off, bytes.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // parent gone: the event is lost with it
      off += static_cast<std::size_t>(n);
    }
    return;
  }
  const SocketEvent& stored = events_.emplace_back(std::move(e));
  if (listener_) listener_(stored);
}

void Journal::set_listener(Listener listener) {
  std::lock_guard lock(mu_);
  listener_ = std::move(listener);
}

SocketEvent socket_event(SocketCall call, int fd, std::int64_t result, int err, std::string actor) {
  SocketEvent e;
  e.call = call;
  e.fd = fd;
  e.result = result;
  e.err = result < 0 ? err : 0;
  e.actor = std::move(actor);
  return e;
}

std::vector<SocketEvent> Journal::snapshot() const {
  std::vector<SocketEvent> copy;
  {
    std::lock_guard lock(mu_);
    copy.reserve(events_.size());
    copy.insert(copy.end(), events_.begin(), events_.end());
  }
  std::stable_sort(copy.begin(), copy.end(), [](const auto& a, const auto& b) { return a.ts_ns < b.ts_ns; });
  return copy;
}

std::size_t Journal::size() const {
  std::lock_guard lock(mu_);
  return events_.size();
}

void Journal::clear() {
  std::lock_guard lock(mu_);
  events_.clear();
}

bool Journal::open_fork_channel(ForkChannel& ch) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  ch.read_fd = fds[0];
  ch.write_fd = fds[1];
  return true;
}

void Journal::redirect_to(int write_fd) {
  std::lock_guard lock(mu_);
  redirect_fd_ = write_fd;
}

bool Journal::drain(int read_fd) {
  const int flags = ::fcntl(read_fd, F_GETFL);
  if (!(flags & O_NONBLOCK)) ::fcntl(read_fd, F_SETFL, flags | O_NONBLOCK);
  std::byte buf[8192];
  bool open = true;
  for (;;) {
    const ssize_t n = ::read(read_fd, buf, sizeof buf);
    if (n > 0) {
      partial_.insert(partial_.end(), buf, buf + n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) open = false;
    break;
  }
  std::size_t off = 0;
  for (;;) {
    SocketEvent e;
    const std::size_t used = decode::decode_event(partial_.data() + off, partial_.size() - off, e);
    if (used == 0) break;
    off += used;
    std::lock_guard lock(mu_);
    const SocketEvent& stored = events_.emplace_back(std::move(e));
    if (listener_) listener_(stored);
  }
  partial_.erase(partial_.begin(), partial_.begin() + static_cast<std::ptrdiff_t>(off));
  return open;
}

}  // namespace wirelab::servers
