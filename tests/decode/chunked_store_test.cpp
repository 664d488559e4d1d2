// The stores the trackers keep their conversations in: records that never move while the
// store grows past chunk boundaries, and a hash index that moves from the heap to populated
// pages as it grows, without losing an entry.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "decode/chunked_store.hpp"
#include "decode/track/flat_index_map.hpp"

namespace wirelab {
namespace {

struct Counted {
  static inline int alive = 0;
  std::uint64_t n;
  std::string name;
  char pad[600];  // about a TCP connection's size: a chunk holds a few thousand
  explicit Counted(std::uint64_t v) : n(v), name("record " + std::to_string(v)), pad{} { ++alive; }
  ~Counted() { --alive; }
};

TEST(ChunkedStore, RecordsKeepTheirAddressesAndOrderAcrossChunks) {
  {
    decode::ChunkedStore<Counted> store;
    std::vector<const Counted*> where;
    constexpr std::uint64_t kCount = 20000;  // several 2 MiB chunks
    for (std::uint64_t i = 0; i < kCount; ++i) where.push_back(&store.emplace_back(i));
    ASSERT_EQ(store.size(), kCount);
    EXPECT_EQ(Counted::alive, static_cast<int>(kCount));
    for (std::uint64_t i = 0; i < kCount; ++i) {
      ASSERT_EQ(&store[i], where[i]) << "record " << i << " moved";
      ASSERT_EQ(store[i].n, i);
    }
    std::uint64_t expect = 0;
    for (const Counted& c : store) ASSERT_EQ(c.name, "record " + std::to_string(expect++));
    EXPECT_EQ(expect, kCount);
    EXPECT_EQ(store.back().n, kCount - 1);
    EXPECT_THROW((void)store.at(kCount), std::out_of_range);

    decode::ChunkedStore<Counted> moved = std::move(store);
    EXPECT_EQ(moved.size(), kCount);
    EXPECT_EQ(&moved[7], where[7]);
    EXPECT_TRUE(store.empty());  // NOLINT(bugprone-use-after-move): a moved-from store is empty
  }
  EXPECT_EQ(Counted::alive, 0) << "every record destroyed with its store";
}

TEST(FlatIndexMap, FindsEveryKeyAfterGrowingOutOfTheHeap) {
  // 100,000 keys: the table doubles past the size it keeps on the heap.
  constexpr std::uint32_t kCount = 100000;
  std::vector<std::uint64_t> keys;
  for (std::uint32_t i = 0; i < kCount; ++i) keys.push_back(0x9e3779b97f4a7c15ull * (i + 1));
  decode::FlatIndexMap map;
  const auto matches_key = [&](std::uint64_t key) { return [&keys, key](std::uint32_t i) { return keys[i] == key; }; };
  for (std::uint32_t i = 0; i < kCount; ++i) map.put(keys[i], i, matches_key(keys[i]));
  EXPECT_EQ(map.size(), kCount);
  for (std::uint32_t i = 0; i < kCount; ++i) ASSERT_EQ(map.find(keys[i], matches_key(keys[i])), i);
  EXPECT_EQ(map.find(12345, matches_key(12345)), decode::FlatIndexMap::kNone);
  // Putting a key again points it at the new index (a reused 4-tuple's newest stream).
  keys.push_back(keys[42]);
  map.put(keys[42], kCount, matches_key(keys[42]));
  EXPECT_EQ(map.size(), kCount);
  EXPECT_EQ(map.find(keys[42], matches_key(keys[42])), kCount);
  decode::FlatIndexMap moved = std::move(map);
  EXPECT_EQ(moved.find(keys[7], matches_key(keys[7])), 7u);
  EXPECT_EQ(map.find(keys[7], matches_key(keys[7])), decode::FlatIndexMap::kNone);  // NOLINT
}

}  // namespace
}  // namespace wirelab
