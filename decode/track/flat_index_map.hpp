// A flat open-addressing hash table from a key's hash to a 32-bit index into the caller's own
// array of records (the trackers' connection tables). Each slot is 8 bytes (32 hash bits and
// the index), probed linearly, at most half full: a lookup touches one or two cache lines,
// inserting never allocates except when the table doubles, and a million connections cost
// 16 MB of slots. The records hold the keys; callers pass an equality test on an index.
//
// A large table lives in populated huge pages (populated_pages.hpp): every packet of an
// unseen-before flow lands on a random slot, and with 4 KiB pages that is a TLB miss too,
// which in a virtual machine costs more than the cache miss.
#pragma once
#include <cstdint>
#include <memory>
#include <utility>

#include "decode/populated_pages.hpp"

namespace wirelab::decode {

class FlatIndexMap {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  FlatIndexMap() = default;
  FlatIndexMap(const FlatIndexMap&) = delete;
  FlatIndexMap& operator=(const FlatIndexMap&) = delete;
  FlatIndexMap(FlatIndexMap&& o) noexcept
      : slots_(std::exchange(o.slots_, nullptr)), capacity_(std::exchange(o.capacity_, 0)),
        size_(std::exchange(o.size_, 0)) {}
  FlatIndexMap& operator=(FlatIndexMap&& o) noexcept {
    if (this != &o) {
      release(slots_, capacity_);
      slots_ = std::exchange(o.slots_, nullptr);
      capacity_ = std::exchange(o.capacity_, 0);
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  ~FlatIndexMap() { release(slots_, capacity_); }

  // The index whose record `matches`, or kNone.
  template <class Matches>
  std::uint32_t find(std::uint64_t hash, Matches&& matches) const {
    if (capacity_ == 0) return kNone;
    const auto tag = static_cast<std::uint32_t>(hash);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value_plus_one == 0) return kNone;
      if (s.tag == tag && matches(s.value_plus_one - 1)) return s.value_plus_one - 1;
    }
  }

  // Points the key (hash + `matches`) at `value`, replacing an older index for the same key.
  template <class Matches>
  void put(std::uint64_t hash, std::uint32_t value, Matches&& matches) {
    if ((size_ + 1) * 2 > capacity_) grow();
    const auto tag = static_cast<std::uint32_t>(hash);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.value_plus_one == 0) {
        s = {tag, value + 1};
        ++size_;
        return;
      }
      if (s.tag == tag && matches(s.value_plus_one - 1)) {
        s.value_plus_one = value + 1;
        return;
      }
    }
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return capacity_ * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t value_plus_one = 0;  // 0: empty (so that zeroed memory is an empty table)
  };
  // Tables up to this many slots come from the heap; larger ones from populated huge pages.
  static constexpr std::size_t kHeapSlots = 32768;

  static Slot* allocate(std::size_t n) {
    if (n <= kHeapSlots) return new Slot[n]{};
    return static_cast<Slot*>(map_populated_pages(n * sizeof(Slot)));
  }
  static void release(Slot* p, std::size_t n) noexcept {
    if (!p) return;
    if (n <= kHeapSlots) delete[] p;
    else unmap_populated_pages(p, n * sizeof(Slot));
  }

  void grow() {
    Slot* const old = slots_;
    const std::size_t old_n = capacity_;
    capacity_ = old_n == 0 ? 64 : old_n * 2;
    slots_ = allocate(capacity_);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t k = 0; k < old_n; ++k) {
      const Slot& s = old[k];
      if (s.value_plus_one == 0) continue;
      std::size_t i = s.tag & mask;
      while (slots_[i].value_plus_one != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
    release(old, old_n);
  }

  Slot* slots_ = nullptr;
  std::size_t capacity_ = 0;  // a power of two (or 0): probing masks with capacity_ - 1
  std::size_t size_ = 0;
};

}  // namespace wirelab::decode
