// UDP conversations keyed by 4-tuple, numbered like tshark's udp.stream.
#pragma once
#include <array>
#include <cstdint>

#include "decode/chunked_store.hpp"
#include "decode/packet.hpp"
#include "decode/track/flat_index_map.hpp"
#include "decode/track/udp_flow.hpp"

namespace wirelab::decode {

class UdpTracker {
 public:
  using Flows = ChunkedStore<UdpFlow>;

  // Returns the udp.stream of the datagram in layer `udp` of `p`, or -1; `ip` is the IP layer
  // that carries it (nullptr: none).
  std::int64_t feed(const Packet& p, const Layer* ip, const Layer& udp);
  const Flows& flows() const { return flows_; }
  const UdpFlow* stream(std::int64_t index) const;
  // The stream of a 4-tuple seen so far, or -1 (for ICMP errors that quote a datagram).
  std::int64_t find(const FlowEndpoint& src, const FlowEndpoint& dst) const;
  // The stream of a datagram quoted inside an ICMP error: its conversation's, opened (without
  // counting the datagram) when not seen before, as tshark does.
  std::int64_t quoted(const Packet& p, const Layer& udp);

 private:
  std::uint32_t find_or_open(const Packet& p, const FlowAddresses& addrs);
  Flows flows_;  // index = udp.stream
  FlatIndexMap index_;
  // IPv4 flows seen lately, direct-mapped by their hash. Captures like a busy DNS or a
  // many-client UDP server switch flows nearly every datagram; a hit here is a few compares
  // of endpoint words (injective for IPv4) instead of a look-up comparing whole endpoints.
  // UDP flows are never replaced, so an entry stays right until another flow takes its slot.
  struct Recent {
    std::uint64_t lo = 0, hi = 0;  // the flow's endpoint_word()s, smaller first
    std::uint32_t index_plus_one = 0;
  };
  static constexpr std::size_t kRecent = 256;
  std::array<Recent, kRecent> recent_{};
};

}  // namespace wirelab::decode
