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

// 16 bytes: the frame number, direction and states share one word (47 bits number 10^14
// frames), since every byte of a connection record is memory a capture of many connections
// has to have zeroed and touched.
struct TcpTransition {
  static constexpr std::uint64_t kFrameMask = (std::uint64_t{1} << 47) - 1;
  std::uint64_t frame : 47 = 0;  // 0 = the state the endpoint was in before the capture showed it
  bool at_send : 1 = false;      // inferred from what this endpoint sent (else from what it received)
  TcpState from : 8 = TcpState::Unknown;
  TcpState to : 8 = TcpState::Unknown;
  std::int64_t ts_ns = 0;
};
static_assert(sizeof(TcpTransition) == 16);

class TcpHistory {
 public:
  static constexpr std::size_t kInline = 6;

  void push_back(const TcpTransition& t) {
    if (n_ < kInline && !spill_) inline_[n_] = t;
    else push_spilled(t);
    ++n_;
  }
  void pop_back() {
    if (n_ == 0) return;
    --n_;
    if (spill_) spill_->pop_back();
  }
  // n_ counts the entries in either storage: size() and back() are one load, no branch.
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const TcpTransition* begin() const { return spill_ ? spill_->data() : inline_.data(); }
  const TcpTransition* end() const { return begin() + n_; }
  TcpTransition* begin() { return spill_ ? spill_->data() : inline_.data(); }
  const TcpTransition& operator[](std::size_t i) const { return begin()[i]; }
  TcpTransition& operator[](std::size_t i) { return begin()[i]; }
  const TcpTransition& front() const { return *begin(); }
  const TcpTransition& back() const { return begin()[n_ - 1]; }
  TcpTransition& back() { return begin()[n_ - 1]; }
  std::size_t heap_bytes() const { return spill_ ? spill_->capacity() * sizeof(TcpTransition) : 0; }

 private:
  // The rare long history, out of line so that push_back() inlines.
  [[gnu::noinline]] void push_spilled(const TcpTransition& t) {
    if (!spill_) spill_ = std::make_unique<std::vector<TcpTransition>>(inline_.begin(), inline_.end());
    spill_->push_back(t);
  }
  std::array<TcpTransition, kInline> inline_{};
  std::unique_ptr<std::vector<TcpTransition>> spill_;
  std::uint32_t n_ = 0;  // (in the padding after spill_: no larger than a byte count)
};

}  // namespace wirelab::decode
