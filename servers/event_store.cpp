#include "servers/event_store.hpp"

#include <sys/mman.h>

#include <new>

namespace wirelab::servers {
namespace {

constexpr std::size_t chunk_bytes(std::size_t events) { return events * sizeof(decode::SocketEvent); }

}  // namespace

const decode::SocketEvent& EventStore::push_back(decode::SocketEvent&& e) {
  if (size_ == chunks_.size() * kChunkEvents) {
    void* mem = ::mmap(nullptr, chunk_bytes(kChunkEvents), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (mem == MAP_FAILED) throw std::bad_alloc();
    chunks_.push_back(static_cast<decode::SocketEvent*>(mem));
  }
  decode::SocketEvent* slot = chunks_.back() + size_ % kChunkEvents;
  ::new (slot) decode::SocketEvent(std::move(e));
  ++size_;
  return *slot;
}

void EventStore::clear() {
  for_each_chunk([](decode::SocketEvent* chunk, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) chunk[i].~SocketEvent();
    ::munmap(chunk, chunk_bytes(kChunkEvents));
  });
  chunks_.clear();
  size_ = 0;
}

}  // namespace wirelab::servers
