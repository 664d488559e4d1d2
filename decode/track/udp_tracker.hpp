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
  // that carries it (nullptr: none). Inline (see below): most datagrams take a few compares.
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
  // IPv4 flows seen lately, in sets of two chosen by a direction-free hash of their header
  // words. Captures like a busy DNS or a many-client UDP server switch flows nearly every
  // datagram; a hit here is a compare or two of the words as they lie in the headers, without
  // building, hashing or comparing any endpoint. Each entry holds the address pair and the
  // port pair as a datagram from the flow's a to b carries them ([0]) and from b to a ([1]).
  // Two entries per set, because with one, two busy flows whose hashes collide (a few of forty
  // flows do, by the luck of their ephemeral ports) evict each other at every datagram. UDP flows
  // are never replaced, so an entry stays right until another flow takes its place.
  struct Recent {
    HeaderWords words[2];
    UdpFlow* flow = nullptr;  // records never move; nullptr: an empty entry
  };
  static constexpr std::size_t kSetBits = 8;
  static constexpr std::size_t kWays = 2;
  std::array<Recent, kWays << kSetBits> recent_{};
  // The first entry of the set of the flow whose datagrams carry `words` (either way).
  Recent* set_of(const HeaderWords& words);
  // A plain IPv4 datagram (plain_ipv4()) whose headers carry `words`: counted in its flow,
  // found in the cache or else by feed_missed(); returns the stream.
  std::int64_t feed_words(const HeaderWords& words, const Packet& p, const Layer& ip, const Layer& udp);
  // An IPv4 datagram the cache missed, which then enters its set as the newest (words: its
  // headers'). Out of line, like feed_checked(), so that feed() stays short.
  [[gnu::noinline]] std::int64_t feed_missed(const Packet& p, const Layer& ip, const Layer& udp, const HeaderWords& words);
  // Any datagram the dissector's fast path did not vouch for: checks its headers first.
  [[gnu::noinline]] std::int64_t feed_checked(const Packet& p, const Layer* ip, const Layer& udp);
  [[gnu::noinline]] std::int64_t feed_other(const Packet& p, const Layer* ip, const Layer& udp);
};

// One datagram counted in its flow; `ab`: sent by the flow's a (tshark's column A).
inline std::int64_t count_datagram(UdpFlow& f, bool ab, const Packet& p, std::uint32_t payload) {
  if (ab) {
    ++f.frames_ab;
    f.wire_bytes_ab += p.wire_len;
    f.payload_bytes_ab += payload;
  } else {
    ++f.frames_ba;
    f.wire_bytes_ba += p.wire_len;
    f.payload_bytes_ba += payload;
  }
  f.last_ts_ns = p.ts_ns;
  return f.stream;
}

inline UdpTracker::Recent* UdpTracker::set_of(const HeaderWords& w) {
  // The same set for both directions: swapping source and destination leaves the
  // exclusive-ors unchanged.
  const auto a = static_cast<std::uint32_t>(w.addrs) ^ static_cast<std::uint32_t>(w.addrs >> 32);
  const std::uint32_t q = (w.ports & 0xffffu) ^ (w.ports >> 16);
  return &recent_[(((a ^ q) * 0x9e3779b1u) >> (32 - kSetBits)) * kWays];
}

inline std::int64_t UdpTracker::feed_words(const HeaderWords& words, const Packet& p, const Layer& ip, const Layer& l) {
  const Recent* const set = set_of(words);
  for (std::size_t w = 0; w < kWays; ++w) {
    const Recent& r = set[w];
    if (!r.flow) break;  // entries fill from the front
    if (words == r.words[0]) return count_datagram(*r.flow, true, p, l.length - 8);
    if (words == r.words[1]) return count_datagram(*r.flow, false, p, l.length - 8);
  }
  return feed_missed(p, ip, l, words);
}

inline std::int64_t UdpTracker::feed(const Packet& p, const Layer* ip, const Layer& l) {
  // The dissector's fast path vouched for the shape (LayerList::eth_ipv4_transport()): both
  // headers whole in the frame's bytes, the UDP length at least 8 and as the IP header says.
  // An IPv4 header with options takes the checked way (a source route changes the final
  // destination, which names the flow).
  if (p.layers.eth_ipv4_transport() && ip->header_len == 20) {
    return feed_words(header_words(p.data.subspan(ip->offset, 20), p.data.subspan(l.offset, 4)), p, *ip, l);
  }
  return feed_checked(p, ip, l);
}

}  // namespace wirelab::decode
