// One endpoint's state history: a short list of transitions kept inside the connection
// record (a textbook connection needs six per side), spilling to the heap only for the rare
// longer one. Keeps a million tracked connections free of a million small allocations.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "decode/tcp_state.hpp"

namespace wirelab::decode {

struct TcpTransition {
  std::uint64_t frame = 0;  // 0 = the state the endpoint was in before the capture showed it
  std::int64_t ts_ns = 0;
  TcpState from = TcpState::Unknown;
  TcpState to = TcpState::Unknown;
  bool at_send = false;     // inferred from what this endpoint sent (else from what it received)
};

class TcpHistory {
 public:
  static constexpr std::size_t kInline = 6;

  void push_back(const TcpTransition& t) {
    if (spill_) {
      spill_->push_back(t);
    } else if (n_ < kInline) {
      inline_[n_++] = t;
    } else {
      spill_ = std::make_unique<std::vector<TcpTransition>>(inline_.begin(), inline_.end());
      spill_->push_back(t);
    }
  }
  void pop_back() {
    if (spill_) spill_->pop_back();
    else if (n_) --n_;
  }
  std::size_t size() const { return spill_ ? spill_->size() : n_; }
  bool empty() const { return size() == 0; }
  const TcpTransition* begin() const { return spill_ ? spill_->data() : inline_.data(); }
  const TcpTransition* end() const { return begin() + size(); }
  TcpTransition* begin() { return spill_ ? spill_->data() : inline_.data(); }
  const TcpTransition& operator[](std::size_t i) const { return begin()[i]; }
  TcpTransition& operator[](std::size_t i) { return begin()[i]; }
  const TcpTransition& front() const { return *begin(); }
  const TcpTransition& back() const { return begin()[size() - 1]; }
  TcpTransition& back() { return begin()[size() - 1]; }
  std::size_t heap_bytes() const { return spill_ ? spill_->capacity() * sizeof(TcpTransition) : 0; }

 private:
  std::array<TcpTransition, kInline> inline_{};
  std::unique_ptr<std::vector<TcpTransition>> spill_;
  std::uint8_t n_ = 0;
};

}  // namespace wirelab::decode
