// Internal to the dissector: the walk over one frame's layers. Each step validates one header
// through its decoder, pushes a Layer, and says what comes next (a Cursor). Steps never throw
// and never read outside the cursor's bytes.
#pragma once
#include <cstdint>

#include "decode/dissector.hpp"
#include "decode/ipv4_reassembly.hpp"
#include "decode/tftp_request_memory.hpp"

namespace wirelab::decode {

struct Dissector::State {
  Ipv4Reassembler reassembler;
  TftpRequestMemory tftp;
};

// Where the walk stands: which protocol decodes next, and the bytes it may use.
struct Cursor {
  Proto next = Proto::Data;
  std::uint8_t source = 0;    // 0: frame bytes, 1: the reassembled buffer
  std::uint8_t depth = 0;     // 1 inside an ICMP error's quoted datagram
  std::uint32_t offset = 0;
  std::uint32_t length = 0;   // bytes present for the next layer
  std::uint32_t claimed = 0;  // bytes the enclosing header says the next layer has (>= length when cut)
};

inline constexpr Cursor kStop{.next = Proto::kCount};

inline constexpr std::uint16_t kAuxEthertype = layer_aux::kEthertype;
inline constexpr std::uint16_t kAuxPartial = layer_aux::kPartial;

struct Walk {
  Packet& p;
  Dissector::State& state;
  const TftpContext* tftp_context = nullptr;  // the transfer the current UDP datagram belongs to

  Bytes bytes(const Cursor& c) const { return p.source(c.source).subspan(c.offset, c.length); }
  // Pushes a layer; false when the layer list is full (recorded as the packet's problem).
  // `reported` is the length the enclosing header claims for it (default: the cursor's).
  bool push(const Cursor& c, Proto proto, std::uint32_t length, std::uint32_t header_len, std::uint16_t aux = 0,
            std::uint32_t reported = 0);
  // A header the capture cut short: keeps the bytes present as a partial layer (fields past
  // them are absent, as in tshark), records the problem and stops.
  Cursor partial(const Cursor& c, Proto proto, const DecodeError& e);
  // Records the first problem of the packet and keeps going.
  void note(const DecodeError& e) {
    if (!p.problem) p.problem = e;
  }
  // Records the problem and stops the walk.
  Cursor fail(const DecodeError& e) {
    note(e);
    return kStop;
  }
};

inline std::uint32_t u32(std::size_t n) { return static_cast<std::uint32_t>(n); }

// The cursor for what follows a header of `header_len` bytes.
inline Cursor after(const Cursor& c, Proto next, std::uint32_t header_len, std::uint32_t payload_len,
                    std::uint32_t claimed_payload) {
  return Cursor{.next = next, .source = c.source, .depth = c.depth, .offset = c.offset + header_len,
                .length = payload_len, .claimed = claimed_payload};
}
inline Cursor after(const Cursor& c, Proto next, std::uint32_t header_len, std::uint32_t payload_len) {
  return after(c, next, header_len, payload_len, payload_len);
}

Cursor step_data(Walk& w, const Cursor& c);
// Link layers (dissect_link.cpp)
Cursor step_eth(Walk& w, const Cursor& c);
Cursor step_vlan(Walk& w, const Cursor& c);
Cursor step_sll(Walk& w, const Cursor& c);
Cursor step_sll2(Walk& w, const Cursor& c);
Cursor step_null(Walk& w, const Cursor& c, bool network_order);
Cursor step_raw(Walk& w, const Cursor& c);
Cursor step_arp(Walk& w, const Cursor& c);
// Network layers (dissect_network.cpp)
Cursor step_ipv4(Walk& w, const Cursor& c);
Cursor step_ipv6(Walk& w, const Cursor& c);
Cursor step_ipv6_ext(Walk& w, const Cursor& c);
Cursor step_icmp(Walk& w, const Cursor& c);
Cursor step_icmpv6(Walk& w, const Cursor& c);
// Transport and application (dissect_transport.cpp)
Cursor step_tcp(Walk& w, const Cursor& c);
Cursor step_udp(Walk& w, const Cursor& c);
Cursor step_tftp(Walk& w, const Cursor& c);

}  // namespace wirelab::decode
