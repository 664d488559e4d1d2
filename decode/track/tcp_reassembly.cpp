#include "decode/track/tcp_reassembly.hpp"

#include "decode/track/tcp_segment.hpp"

namespace wirelab::decode {

void TcpReassembly::deliver(int side, std::string_view bytes, std::uint64_t frame, std::uint32_t gap) {
  if (bytes.empty() && gap == 0) return;
  Direction& d = dir_[side];
  std::size_t keep = bytes.size();
  if (held_ + keep > cap_) keep = cap_ > held_ ? cap_ - held_ : 0;
  dropped_ += bytes.size() - keep;
  held_ += keep;
  d.delivered += bytes.size();
  chunks_.push_back({.side = side, .frame = frame, .gap_before = gap, .data = std::string(bytes.substr(0, keep))});
}

void TcpReassembly::drain(int side) {
  Direction& d = dir_[side];
  while (!d.pending.empty()) {
    auto it = d.pending.begin();
    const std::uint32_t seq = it->first;
    std::string& data = it->second.first;
    if (seq_gt(seq, d.next)) return;  // still a hole
    const std::uint32_t overlap = d.next - seq;
    if (overlap < data.size()) {
      deliver(side, std::string_view(data).substr(overlap), it->second.second, 0);
      d.next = seq + static_cast<std::uint32_t>(data.size());
    }
    d.pending.erase(it);
  }
}

void TcpReassembly::add(int side, std::uint32_t seq, bool syn, bool fin, Bytes payload, std::uint64_t frame) {
  Direction& d = dir_[side];
  if (syn) {
    d.started = true;
    d.next = seq + 1;
    seq += 1;
  }
  if (!d.started) {
    d.started = true;
    d.next = seq;
  }
  (void)fin;
  if (payload.empty()) return;
  const std::string_view bytes = as_chars(payload);
  if (seq_gt(seq, d.next)) {
    // Out of order: wait for the hole (bounded by the same memory cap).
    if (held_ + bytes.size() > cap_) {
      dropped_ += bytes.size();
      return;
    }
    auto [it, inserted] = d.pending.try_emplace(seq, std::string(bytes), frame);
    if (!inserted && it->second.first.size() < bytes.size()) it->second = {std::string(bytes), frame};
    return;
  }
  const std::uint32_t overlap = d.next - seq;  // retransmitted bytes already delivered
  if (overlap >= bytes.size()) return;
  deliver(side, bytes.substr(overlap), frame, 0);
  d.next = seq + static_cast<std::uint32_t>(bytes.size());
  drain(side);
}

void TcpReassembly::finish() {
  for (int side = 0; side < 2; ++side) {
    Direction& d = dir_[side];
    while (!d.pending.empty()) {
      auto it = d.pending.begin();
      const std::uint32_t gap = it->first - d.next;
      d.gaps += gap;
      const std::string data = std::move(it->second.first);
      const std::uint64_t frame = it->second.second;
      d.pending.erase(it);
      deliver(side, data, frame, gap);
      d.next = d.next + gap + static_cast<std::uint32_t>(data.size());
      drain(side);
    }
  }
}

}  // namespace wirelab::decode
