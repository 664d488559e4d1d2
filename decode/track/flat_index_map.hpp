// A flat open-addressing hash table from a key's hash to a 32-bit index into the caller's own
// array of records (the trackers' connection tables). Each slot is 8 bytes (32 hash bits and
// the index), probed linearly, at most half full: a lookup touches one or two cache lines,
// inserting never allocates except when the table doubles, and a million connections cost
// 16 MB of slots. The records hold the keys; callers pass an equality test on an index.
#pragma once
#include <cstdint>
#include <vector>

namespace wirelab::decode {

class FlatIndexMap {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  // The index whose record `matches`, or kNone.
  template <class Matches>
  std::uint32_t find(std::uint64_t hash, Matches&& matches) const {
    if (slots_.empty()) return kNone;
    const auto tag = static_cast<std::uint32_t>(hash);
    for (std::size_t i = tag & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kNone) return kNone;
      if (s.tag == tag && matches(s.value)) return s.value;
    }
  }

  // Points the key (hash + `matches`) at `value`, replacing an older index for the same key.
  template <class Matches>
  void put(std::uint64_t hash, std::uint32_t value, Matches&& matches) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const auto tag = static_cast<std::uint32_t>(hash);
    for (std::size_t i = tag & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kNone) {
        s = {tag, value};
        ++size_;
        return;
      }
      if (s.tag == tag && matches(s.value)) {
        s.value = value;
        return;
      }
    }
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t value = kNone;
  };
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value == kNone) continue;
      std::size_t i = s.tag & mask_;
      while (slots_[i].value != kNone) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace wirelab::decode
