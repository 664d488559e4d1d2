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

  struct State;  // cross-frame state, defined in dissector.cpp

 private:
  State* state_;
};

}  // namespace wirelab::decode
