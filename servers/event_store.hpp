// Where a journal keeps its events: an append-only sequence in large chunks whose pages are
// mapped and zeroed in one system call (MAP_POPULATE) when the chunk is made. A busy server
// journals a few hundred thousand events a second; grown from the heap, every 4 KiB of them
// cost a page fault (and, from a server thread's malloc arena, an mprotect to extend it),
// which in a virtual machine is dearer than the send() being journaled. Not thread-safe: the
// journal's lock guards it.
#pragma once
#include <cstddef>
#include <vector>

#include "decode/socket_event.hpp"

namespace wirelab::servers {

class EventStore {
 public:
  EventStore() = default;
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;
  ~EventStore() { clear(); }

  // Returns the stored event.
  const decode::SocketEvent& push_back(decode::SocketEvent&& e);
  std::size_t size() const { return size_; }
  void clear();

  template <typename F>
  void for_each(F&& f) const {
    for_each_chunk([&](decode::SocketEvent* chunk, std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) f(static_cast<const decode::SocketEvent&>(chunk[i]));
    });
  }

 private:
  // 16,384 events of ~130 bytes: 2 MiB per chunk, made once per ~50 ms of a busy server.
  static constexpr std::size_t kChunkEvents = 16384;

  // Calls f(chunk, events used in it) for each chunk, oldest first.
  template <typename F>
  void for_each_chunk(F&& f) const {
    std::size_t left = size_;
    for (decode::SocketEvent* chunk : chunks_) {
      const std::size_t n = left < kChunkEvents ? left : kChunkEvents;
      f(chunk, n);
      left -= n;
    }
  }

  std::vector<decode::SocketEvent*> chunks_;
  std::size_t size_ = 0;
};

}  // namespace wirelab::servers
