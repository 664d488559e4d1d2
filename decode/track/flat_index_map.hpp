// A flat open-addressing hash table from a key's hash to a 32-bit index into the caller's own
// array of records (the trackers' connection tables). Each slot is 8 bytes (32 hash bits and
// the index), probed linearly, at most half full; inserting never allocates except when the
// table doubles, and a million connections cost 19 MB. The records hold the keys; callers
// pass an equality test on an index.
//
// Beside the slots, one control byte per slot: 0 for an empty slot, else 7 bits of the hash.
// A look-up reads the control bytes first and a slot only where they agree, so asking for a
// key that is not there (every new connection asks once) reads a table 8 times smaller than
// the slots: 64 KiB for 30,000 connections, which stays in the cache, where the random slot
// was a cache miss per connection.
//
// A large table lives in populated huge pages (populated_pages.hpp): every packet of an
// unseen-before flow lands on a random slot, and with 4 KiB pages that is a TLB miss too,
// which in a virtual machine costs more than the cache miss.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <new>
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
    const std::uint8_t fp = fingerprint(tag);
    const std::uint8_t* const ctrl = control(slots_, capacity_);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      const std::uint8_t c = ctrl[i];
      if (c == 0) return kNone;
      if (c == fp && slots_[i].tag == tag && matches(slots_[i].value)) return slots_[i].value;
    }
  }

  // Points the key (hash + `matches`) at `value`, replacing an older index for the same key.
  template <class Matches>
  void put(std::uint64_t hash, std::uint32_t value, Matches&& matches) {
    if ((size_ + 1) * 2 > capacity_) grow();
    const auto tag = static_cast<std::uint32_t>(hash);
    const std::uint8_t fp = fingerprint(tag);
    std::uint8_t* const ctrl = control(slots_, capacity_);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      const std::uint8_t c = ctrl[i];
      if (c == 0) {
        ctrl[i] = fp;
        slots_[i] = {tag, value};
        ++size_;
        return;
      }
      if (c == fp && slots_[i].tag == tag && matches(slots_[i].value)) {
        slots_[i].value = value;
        return;
      }
    }
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return capacity_ * kBytesPerSlot; }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t value = 0;
  };
  static constexpr std::size_t kBytesPerSlot = sizeof(Slot) + 1;  // the slot and its control byte
  // Tables up to this many slots come from the heap; larger ones from populated huge pages.
  static constexpr std::size_t kHeapSlots = 32768;

  // Never 0 (0 marks an empty slot); the top bits, as the slot's place comes from the bottom ones.
  static std::uint8_t fingerprint(std::uint32_t tag) { return static_cast<std::uint8_t>(0x80u | (tag >> 25)); }

  // The control bytes of the `n` slots at `slots`: right after them.
  static std::uint8_t* control(Slot* slots, std::size_t n) { return reinterpret_cast<std::uint8_t*>(slots + n); }
  static const std::uint8_t* control(const Slot* slots, std::size_t n) {
    return reinterpret_cast<const std::uint8_t*>(slots + n);
  }

  // Zeroed memory for `n` slots followed by their `n` control bytes.
  static Slot* allocate(std::size_t n) {
    if (n > kHeapSlots) return static_cast<Slot*>(map_populated_pages(n * kBytesPerSlot));
    void* p = std::calloc(n, kBytesPerSlot);
    if (!p) throw std::bad_alloc();
    return static_cast<Slot*>(p);
  }
  static void release(Slot* p, std::size_t n) noexcept {
    if (!p) return;
    if (n <= kHeapSlots) std::free(p);
    else unmap_populated_pages(p, n * kBytesPerSlot);
  }

  void grow() {
    Slot* const old = slots_;
    const std::uint8_t* const old_ctrl = control(old, capacity_);
    const std::size_t old_n = capacity_;
    capacity_ = old_n == 0 ? 64 : old_n * 2;
    slots_ = allocate(capacity_);
    std::uint8_t* const ctrl = control(slots_, capacity_);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t k = 0; k < old_n; ++k) {
      if (old_ctrl[k] == 0) continue;
      std::size_t i = old[k].tag & mask;
      while (ctrl[i] != 0) i = (i + 1) & mask;
      ctrl[i] = old_ctrl[k];
      slots_[i] = old[k];
    }
    release(old, old_n);
  }

  Slot* slots_ = nullptr;  // followed by their control bytes, in the same allocation (control())
  std::size_t capacity_ = 0;  // a power of two (or 0): probing masks with capacity_ - 1
  std::size_t size_ = 0;
};

}  // namespace wirelab::decode
