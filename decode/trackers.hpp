// Trackers: from packets to conversations. feed() is called once per packet in capture
// order; it annotates the packet (tcp.stream, relative sequence numbers, analysis flags, ...)
// and updates the conversations that reports and the GUI read afterwards.
#pragma once
#include <cstdint>
#include <memory>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"

namespace wirelab::decode {

class TcpTracker;
class UdpTracker;
class IcmpTracker;
class TftpTracker;
class ArpTracker;

class Trackers {
 public:
  Trackers();
  ~Trackers();
  Trackers(const Trackers&) = delete;
  Trackers& operator=(const Trackers&) = delete;
  Trackers(Trackers&&) noexcept;
  Trackers& operator=(Trackers&&) noexcept;

  void feed(const Packet& packet, PacketAnnotations& out);

  const TcpTracker& tcp() const;
  const UdpTracker& udp() const;
  const IcmpTracker& icmp() const;
  const TftpTracker& tftp() const;
  const ArpTracker& arp() const;
  // Keep per-segment records for sequence diagrams (all TCP streams, or just one).
  void record_sequences(bool all);
  void record_sequence_of(std::int64_t tcp_stream);
  std::int64_t first_ts_ns() const;  // timestamp of the first packet fed
  void follow_tcp(std::int64_t stream);  // reassemble this stream's bytes
  void finish();                         // end of capture: flush reassembly
  // Check TCP checksums for the Zeek summary, as `zeek` without -C does: a segment with a
  // wrong checksum only adds c/C to the history and is left out of orig_pkts/resp_pkts.
  // Off by default, like `zeek -C` and tshark: loopback captures (wirelab's own) carry
  // offloaded checksums that were never filled in, so every segment would look corrupt.
  void verify_checksums(bool on);
  // Keep each TCP connection's story: both endpoints' RFC 9293 states, handshake and teardown
  // kinds, TIME-WAIT, Zeek's conn_state and history (on by default; the GUI, `-z conns` and
  // `-z timeline` read it). Off, tracking does only what the per-packet fields (tcp.stream,
  // relative numbers, tcp.analysis.*) and the conversation tables need, which is what
  // `wirelab-cli -r` without those reports runs. Set before the first packet.
  void keep_connection_story(bool on);

  struct State;

 private:
  // feed() for a packet of any shape but the dissector's fast path's.
  void feed_layers(const Packet& packet, PacketAnnotations& out);
  std::unique_ptr<State> state_;
};

}  // namespace wirelab::decode
