// Each direction's bytes of one TCP connection, in sequence order: retransmitted bytes are
// dropped, out-of-order segments wait for the hole to fill, a hole that never fills is
// marked as a gap. Memory is capped per connection; bytes past the cap are only counted.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "decode/bytes.hpp"

namespace wirelab::decode {

class TcpReassembly {
 public:
  static constexpr std::size_t kDefaultCapBytes = 16u << 20;
  explicit TcpReassembly(std::size_t cap_bytes = kDefaultCapBytes) : cap_(cap_bytes) {}

  // The new bytes one segment delivered (0 client, 1 server side), in delivery order; tshark's
  // follow prints one block per segment.
  struct Chunk {
    int side = 0;
    std::uint64_t frame = 0;      // the segment that completed it
    std::uint32_t gap_before = 0; // bytes missing from the capture just before this chunk
    std::string data;
  };

  // A segment from `side`: its raw sequence number, SYN flag and captured payload.
  void add(int side, std::uint32_t seq, bool syn, bool fin, Bytes payload, std::uint64_t frame);
  // Flushes what still waits behind holes (end of capture): holes become gaps.
  void finish();

  const std::vector<Chunk>& chunks() const { return chunks_; }
  std::uint64_t bytes(int side) const { return dir_[side].delivered; }
  std::uint64_t gap_bytes(int side) const { return dir_[side].gaps; }
  std::uint64_t dropped_bytes() const { return dropped_; }  // past the memory cap

 private:
  struct Direction {
    bool started = false;
    std::uint32_t next = 0;
    std::uint64_t delivered = 0;
    std::uint64_t gaps = 0;
    std::map<std::uint32_t, std::pair<std::string, std::uint64_t>> pending;  // seq -> bytes, frame
  };
  void deliver(int side, std::string_view bytes, std::uint64_t frame, std::uint32_t gap);
  void drain(int side);

  std::size_t cap_;
  std::size_t held_ = 0;
  std::uint64_t dropped_ = 0;
  Direction dir_[2];
  std::vector<Chunk> chunks_;
};

}  // namespace wirelab::decode
