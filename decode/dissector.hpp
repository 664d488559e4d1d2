// Frame -> Packet. The dissector walks the layers through the dispatch tables, pushes one
// Layer per header that validated, and stops at the first problem, keeping what it had.
// It holds the little cross-frame state decoding needs (IPv4 fragments, TFTP transfer
// ports); conversation tracking is elsewhere (trackers).
#pragma once
#include <cstdint>

#include "decode/packet.hpp"

namespace wirelab::decode {

class Dissector {
 public:
  Dissector();
  ~Dissector();
  Dissector(const Dissector&) = delete;
  Dissector& operator=(const Dissector&) = delete;
  Dissector(Dissector&&) noexcept;
  Dissector& operator=(Dissector&&) noexcept;

  // Decodes `frame` into `out` (reusing its storage). Never throws for any input bytes.
  void dissect(const RawFrame& frame, std::uint64_t number, Packet& out);

  // The Ethernet/IPv4/TCP fast path is on by default; tests turn it off to check that it
  // gives exactly what the general walk gives.
  void set_fast_path(bool on) { fast_path_ = on; }

  struct State;  // cross-frame state, defined in dissect_steps.hpp

 private:
  State* state_;
  bool fast_path_ = true;
};

}  // namespace wirelab::decode
