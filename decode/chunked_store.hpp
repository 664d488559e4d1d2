// An append-only sequence of records in large chunks that never move, whose pages are mapped
// and zeroed in one system call when the chunk is made (see populated_pages.hpp). For the
// records a capture makes by the hundred thousand (TCP connections, UDP flows, journaled
// socket calls): grown one malloc() at a time, each new record touches a fresh page sooner or
// later, and in a virtual machine a page fault costs more than tracking the packets that made
// the record. Indexing is two loads (chunk table, record); references stay valid as it grows.
#pragma once
#include <cstddef>
#include <iterator>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

#include "decode/populated_pages.hpp"

namespace wirelab::decode {

template <class T>
class ChunkedStore {
  // Records per chunk: as many as fit in one huge page (dividing an index by this constant
  // compiles to a multiplication).
  static constexpr std::size_t kChunkRecords = kPopulatedChunkBytes / sizeof(T);
  static_assert(kChunkRecords > 0, "a record larger than a chunk");
  static constexpr std::size_t kChunkBytes = kChunkRecords * sizeof(T);

 public:
  ChunkedStore() = default;
  ChunkedStore(const ChunkedStore&) = delete;
  ChunkedStore& operator=(const ChunkedStore&) = delete;
  ChunkedStore(ChunkedStore&& o) noexcept : chunks_(std::move(o.chunks_)), size_(std::exchange(o.size_, 0)) {}
  ChunkedStore& operator=(ChunkedStore&& o) noexcept {
    if (this != &o) {
      clear();
      chunks_ = std::move(o.chunks_);
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  ~ChunkedStore() { clear(); }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == chunks_.size() * kChunkRecords) chunks_.push_back(static_cast<T*>(map_populated_pages(kChunkBytes)));
    T* slot = chunks_.back() + size_ % kChunkRecords;
    ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
    ++size_;
    // The next record's lines, into the cache now, for writing: its memory was zeroed when the
    // chunk was made and has long left the cache, and a record made there from cold lines
    // stalls its maker on every store (a new TCP connection's record is seven lines).
    if (size_ % kChunkRecords != 0) {
      const char* next = reinterpret_cast<const char*>(slot + 1);
      for (std::size_t off = 0; off < sizeof(T); off += 64) __builtin_prefetch(next + off, 1, 3);
    }
    return *slot;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return chunks_[i / kChunkRecords][i % kChunkRecords]; }
  const T& operator[](std::size_t i) const { return chunks_[i / kChunkRecords][i % kChunkRecords]; }
  const T& at(std::size_t i) const {
    if (i >= size_) throw std::out_of_range("ChunkedStore::at");
    return (*this)[i];
  }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }
  // Bytes mapped for the records (whole chunks).
  std::size_t memory_bytes() const { return chunks_.size() * kChunkBytes + chunks_.capacity() * sizeof(T*); }

  void clear() {
    for (std::size_t i = size_; i-- > 0;) (*this)[i].~T();
    for (T* chunk : chunks_) unmap_populated_pages(chunk, kChunkBytes);
    chunks_.clear();
    size_ = 0;
  }

  template <bool kConst>
  class Iterator {
    using Store = std::conditional_t<kConst, const ChunkedStore, ChunkedStore>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<kConst, const T*, T*>;
    using reference = std::conditional_t<kConst, const T&, T&>;
    Iterator() = default;
    Iterator(Store* s, std::size_t i) : store_(s), i_(i) {}
    reference operator*() const { return (*store_)[i_]; }
    pointer operator->() const { return &(*store_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++i_;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.i_ == b.i_; }

   private:
    Store* store_ = nullptr;
    std::size_t i_ = 0;
  };
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;
  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  std::vector<T*> chunks_;
  std::size_t size_ = 0;
};

}  // namespace wirelab::decode
