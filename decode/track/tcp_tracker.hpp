// All TCP connections of a capture: assigns tcp.stream exactly as tshark 4.0 numbers its TCP
// conversations (port reuse included) and feeds each segment to its TcpConnection.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/chunked_store.hpp"
#include "decode/packet.hpp"
#include "decode/track/flat_index_map.hpp"
#include "decode/track/tcp_connection.hpp"
#include "decode/track/tcp_reassembly.hpp"

namespace wirelab::decode {

class TcpTracker {
 public:
  using Connections = ChunkedStore<TcpConnection>;

  // Tracks the segment in layer `tcp` of `p` (an outermost TCP layer) carried by the IP
  // layer `ip` (nullptr: none); fills all of `out` (its defaults when the segment is not
  // tracked: Trackers::feed() counts on that and does not reset it first).
  void feed(const Packet& p, const Layer* ip, const Layer& tcp, TcpAnnotation& out);

  const Connections& connections() const { return conns_; }
  const TcpConnection* stream(std::int64_t index) const;
  // The newest stream between these endpoints (either direction), or -1.
  std::int64_t find(const FlowEndpoint& a, const FlowEndpoint& b) const;
  // Keep per-segment steps for the sequence diagram: all streams, or only one.
  void record_steps_all(bool on) { record_all_ = on; }
  void record_steps_for(std::int64_t stream) { record_one_ = stream; }
  std::size_t memory_bytes() const;
  // Reassemble one stream's bytes (for `-z follow`); finish() flushes it at the end.
  void follow(std::int64_t stream) { follow_stream_ = stream; }
  const TcpReassembly* followed() const { return follow_stream_ >= 0 ? &reassembly_ : nullptr; }
  void finish() { reassembly_.finish(); }
  // Verify TCP checksums for Zeek's summary (history c/C; see TcpConnection). Off by default.
  void verify_checksums(bool on) { verify_checksums_ = on; }
  // Keep each connection's story (states, kinds, Zeek summary; see TcpConnection's constructor).
  // On by default; set before the first packet.
  void keep_story(bool on) { story_ = on; }

 private:
  // Everything feed_recent() does not take: look-up, new streams, port reuse, checksums.
  [[gnu::noinline]] void feed_general(const Packet& p, const Layer* ip, const Layer& tcp, TcpAnnotation& out);
  // The segment of one of the recent_ connections, IPv4 headers given (kWhole: the
  // dissector's fast path vouched for the shape); false, having done nothing, otherwise.
  template <bool kWhole>
  bool feed_recent(const Packet& p, Bytes ip_header, Bytes tcp, const Layer& l, TcpAnnotation& out);
  // feed_recent<false>, out of line: other link types are rare, and a second inlined copy of
  // the short path would crowd the registers of the first.
  [[gnu::noinline]] bool feed_recent_other(const Packet& p, Bytes ip_header, Bytes tcp, const Layer& l, TcpAnnotation& out);
  // The segment of a known connection, whatever it is (see feed_recent()).
  template <bool kWhole>
  [[gnu::noinline]] void feed_connection(TcpConnection& c, int dir, const Packet& p, const Layer& l, TcpAnnotation& out);
  void follow_segment(const TcpSegment& s, const TcpAnnotation& out);

  Connections conns_;  // index = tcp.stream
  ChunkedStore<TcpStory> stories_;  // one per connection while the story is kept
  FlatIndexMap current_;  // 4-tuple -> its newest stream
  // The connections of the last two segments that went to different connections, newest
  // first (records never move). Two, because a client's last ACK or FIN often comes after the
  // next connection's first segments. For an IPv4 connection, the address and port pairs as a
  // segment in each direction carries them in its headers ([0]: direction 0); feed_recent()
  // compares those words, without building any address.
  struct Recent {
    TcpConnection* conn = nullptr;
    HeaderWords words[2];
    bool v4 = false;  // the words are set
  };
  std::array<Recent, 2> recent_{};
  void remember(TcpConnection* c, int dir, const FlowAddresses& a);  // c becomes recent_[0]
  bool record_all_ = false;
  bool verify_checksums_ = false;
  bool story_ = true;
  std::int64_t record_one_ = -1;
  std::int64_t follow_stream_ = -1;
  TcpReassembly reassembly_;
};

// Reads the facts the tracker needs from a TCP layer.
TcpSegment tcp_segment_of(const Packet& p, const Layer& tcp);

}  // namespace wirelab::decode
