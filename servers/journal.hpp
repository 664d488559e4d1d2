// The socket-event journal: every socket call of the demo servers and clients, stamped with
// CLOCK_REALTIME nanoseconds (the clock libpcap stamps packets with), so calls and packets
// share one time axis. Thread-safe. Forked children write through a pipe (ForkChannel) and
// the parent folds their events in, already stamped on the same clock.
#pragma once
#include <sys/socket.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "decode/socket_event.hpp"
#include "decode/chunked_store.hpp"

namespace wirelab::servers {

using decode::SocketCall;
using decode::SocketEvent;

std::int64_t realtime_ns();

// The event every socket wrapper starts from: one call on fd, its result and errno (0 unless the
// call failed), and who made it. Addresses, bytes and detail are the wrapper's to add.
SocketEvent socket_event(SocketCall call, int fd, std::int64_t result, int err, std::string actor);

class Journal {
 public:
  // Records one event; fills ts, pid and tid when left zero.
  void record(SocketEvent e);

  // Watches events as they enter the journal (record() in this process, drain() for fork
  // children), e.g. to show them live. Called in journal order under the journal's lock, from
  // whichever thread records: keep it short and never call back into the journal. The
  // journal's snapshot() is exactly the events the listener saw, stably sorted by time (events
  // are stamped before their syscall, so threads can hand them in slightly out of time order).
  // Set it before any thread records.
  using Listener = std::function<void(const SocketEvent&)>;
  void set_listener(Listener listener);

  std::vector<SocketEvent> snapshot() const;  // sorted by time
  std::size_t size() const;
  void clear();

  // For fork: the child serialises events into a pipe; the parent drains it into this journal.
  // Returns the read end for the parent and the write end for the child.
  struct ForkChannel {
    int read_fd = -1;
    int write_fd = -1;
  };
  static bool open_fork_channel(ForkChannel& ch);
  // In the child: after this, record() writes to the pipe instead of memory.
  void redirect_to(int write_fd);
  // In the parent: reads every complete event available on fd (non-blocking) into the journal.
  // Returns false when the writer has closed the pipe and everything was read.
  bool drain(int read_fd);

 private:
  mutable std::mutex mu_;
  // In chunks of populated pages: a busy server journals a few hundred thousand events a
  // second, and grown from the heap every 4 KiB of them cost a page fault (and, from a server
  // thread's malloc arena, an mprotect), dearer in a virtual machine than the send() journaled.
  decode::ChunkedStore<SocketEvent> events_;
  int redirect_fd_ = -1;
  Listener listener_;
  std::vector<std::byte> partial_;  // bytes of an incomplete event read from a fork channel
};

}  // namespace wirelab::servers
