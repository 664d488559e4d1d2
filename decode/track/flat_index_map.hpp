// A flat open-addressing hash map from a key to a 32-bit index (the trackers' conversation
// tables). Linear probing over one array: no allocation per insert except when it grows,
// no per-node pointers, so a million connections cost the array and nothing more.
#pragma once
#include <cstdint>
#include <vector>

namespace wirelab::decode {

template <class Key, std::uint64_t (*Hash)(const Key&)>
class FlatIndexMap {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  // The index stored for `k`, or kNone.
  std::uint32_t find(const Key& k) const {
    if (slots_.empty()) return kNone;
    for (std::size_t i = Hash(k) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kNone) return kNone;
      if (s.key == k) return s.value;
    }
  }

  // Sets the index for `k` (inserting or replacing).
  void put(const Key& k, std::uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (std::size_t i = Hash(k) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kNone) {
        s.key = k;
        s.value = value;
        ++size_;
        return;
      }
      if (s.key == k) {
        s.value = value;
        return;
      }
    }
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    Key key{};
    std::uint32_t value = kNone;
  };
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != kNone) put(s.key, s.value);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace wirelab::decode
