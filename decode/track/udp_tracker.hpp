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
  // IPv4 flows seen lately, direct-mapped by a direction-free hash of their header words.
  // Captures like a busy DNS or a many-client UDP server switch flows nearly every datagram;
  // a hit here is two compares of the words as they lie in the headers, without building,
  // hashing or comparing any endpoint. Each entry holds the address pair and the port pair as
  // a datagram from the flow's a to b carries them ([0]) and from b to a ([1]). UDP flows are
  // never replaced, so an entry stays right until another flow takes its slot.
  struct Recent {
    HeaderWords words[2];
    UdpFlow* flow = nullptr;  // records never move; nullptr: an empty slot
  };
  static constexpr std::size_t kRecentBits = 8;
  static constexpr std::size_t kRecent = std::size_t{1} << kRecentBits;
  std::array<Recent, kRecent> recent_{};
  // feed() for the datagrams its cache of recent flows does not take, out of line so that the
  // cache's hit stays a short function: an IPv4 datagram that missed `slot`, which it then
  // takes (words: its headers'), and anything else.
  [[gnu::noinline]] std::int64_t feed_missed(const Packet& p, const Layer& ip, const Layer& udp, Recent& slot,
                                             const HeaderWords& words);
  [[gnu::noinline]] std::int64_t feed_other(const Packet& p, const Layer* ip, const Layer& udp);
};

}  // namespace wirelab::decode
