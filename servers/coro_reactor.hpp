// A small epoll reactor for C++20 coroutines (no third-party library). A coroutine that would
// block does `co_await reactor.readable(fd)` (or writable): it is suspended, its handle parked
// under the fd, and resumed by run() when epoll reports the fd ready. One reactor per thread;
// other threads only wake it (wake()). Suspensions and resumptions are journaled.
//
// Each fd is registered once, edge-triggered for both directions, so parking and resuming cost
// no epoll_ctl (re-arming per wait cost two per round trip of an echo). An edge that comes
// while no coroutine waits in that direction is remembered, and the next await of it does not
// suspend; once the peer has closed, no read wait suspends (recv() returns what is left, then 0).
// A coroutine may therefore wait after a short read without reading on to EAGAIN.
#pragma once
#include <coroutine>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "servers/epoll_set.hpp"
#include "servers/socket_tracer.hpp"
#include "servers/wake_fd.hpp"

namespace wirelab::servers {

// A fire-and-forget coroutine: starts at once, frees its frame when it finishes. Each one must
// handle its own errors (socket errors are return values here; nothing is thrown).
struct DetachedTask {
  struct promise_type {
    DetachedTask get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}  // only bad_alloc could get here; the connection just ends
  };
};

class CoroReactor {
 public:
  explicit CoroReactor(SocketTracer& tracer) : tracer_(&tracer) {}
  ~CoroReactor() { destroy_suspended(); }
  CoroReactor(const CoroReactor&) = delete;
  CoroReactor& operator=(const CoroReactor&) = delete;

  bool valid() const { return ep_.valid() && wake_.valid(); }

  struct Awaiter {
    CoroReactor* reactor;
    int fd;
    bool write;
    bool await_ready() const noexcept { return reactor->take_pending(fd, write); }
    void await_suspend(std::coroutine_handle<> h) { reactor->park(fd, write, h); }
    void await_resume() const noexcept {}
  };
  Awaiter readable(int fd) { return {this, fd, false}; }
  Awaiter writable(int fd) { return {this, fd, true}; }

  // Runs until `should_stop()` is true after a wake-up. Returns false on an epoll error.
  bool run(const std::function<bool()>& should_stop);
  void wake() { wake_.notify(); }
  // Drops the fd from epoll (call before closing it).
  void forget(int fd);
  // Destroys every parked coroutine (their locals' destructors close their sockets).
  void destroy_suspended();

 private:
  struct Parked {
    std::coroutine_handle<> reader;
    std::coroutine_handle<> writer;
    bool registered = false;
    bool pending_in = false;   // readable edge seen while no reader waited
    bool pending_out = false;  // writable edge seen while no writer waited
    // The peer closed its side (RDHUP): recv() no longer blocks and no further readable edge
    // will come, so no read wait suspends. HUP or an error: the same for writes.
    bool read_finished = false;
    bool write_finished = false;
  };
  bool take_pending(int fd, bool write) noexcept;
  void park(int fd, bool write, std::coroutine_handle<> h);

  SocketTracer* tracer_;
  EpollSet ep_;
  WakeFd wake_;
  bool wake_registered_ = false;
  std::unordered_map<int, Parked> parked_;
};

}  // namespace wirelab::servers
