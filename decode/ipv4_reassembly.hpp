// IPv4 fragment reassembly (RFC 791 §3.2, RFC 815): the dissector feeds every fragment it
// sees; at the fragment that completes a datagram it gets the whole payload back and decodes
// the upper layer from it, as tshark does. Memory and age are bounded: an attacker's stream
// of never-completed fragments costs at most `max_bytes` and is forgotten after `max_age_ns`.
#pragma once
#include <cstdint>
#include <vector>

#include "decode/bytes.hpp"

namespace wirelab::decode {

struct FragmentKey {
  std::uint32_t src = 0;
  std::uint32_t dst = 0;
  std::uint16_t id = 0;
  std::uint8_t protocol = 0;
  bool operator==(const FragmentKey&) const = default;
};

struct Fragment {
  FragmentKey key;
  std::uint32_t offset = 0;  // bytes from the start of the datagram's payload
  bool more = false;         // MF flag
  Bytes payload;             // the fragment's data after its IPv4 header
  std::int64_t ts_ns = 0;
};

class Ipv4Reassembler {
 public:
  struct Limits {
    std::size_t max_datagrams = 256;            // pending datagrams held at once
    std::size_t max_bytes = 8u << 20;           // payload bytes held over all of them
    std::int64_t max_age_ns = 60'000'000'000;   // forget a datagram this long after its first fragment
  };
  static constexpr std::uint32_t kMaxPayload = 65535 - 20;

  Ipv4Reassembler() = default;
  explicit Ipv4Reassembler(Limits limits) : limits_(limits) {}

  // Adds one fragment. When it completes its datagram, writes the reassembled payload to
  // `out`, forgets the datagram and returns true. A fragment that reaches past 65515 bytes
  // drops its datagram.
  bool add(const Fragment& f, std::vector<std::byte>& out);

  std::size_t pending() const { return pending_.size(); }
  std::size_t bytes_held() const { return bytes_held_; }

 private:
  struct Range {
    std::uint32_t begin;
    std::uint32_t end;
  };
  struct Pending {
    FragmentKey key;
    std::int64_t first_ts_ns = 0;
    std::vector<std::byte> data;  // grows to the highest end seen
    std::vector<Range> have;      // sorted, merged ranges received
    std::int64_t total = -1;      // payload length, known once the last fragment arrived
  };

  void expire(std::int64_t now_ns);
  void drop(std::size_t i);
  static void insert_range(std::vector<Range>& have, Range r);
  static bool complete(const Pending& p);

  Limits limits_{};
  std::vector<Pending> pending_;
  std::size_t bytes_held_ = 0;
};

}  // namespace wirelab::decode
