// One TCP connection as a passive observer infers it: both endpoints' RFC 9293 state
// histories (each transition tied to the frame that caused it, at send for the sender and at
// receive for the receiver), handshake and teardown kinds, TIME-WAIT holder, Zeek's
// conn_state/history, tshark's relative numbers and analysis flags, counters.
//
// A pure state machine: on_segment() takes one segment and its direction and returns what
// it learned; no I/O, no clock, no allocation in the steady state (histories grow only on
// state changes).
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/tcp_state.hpp"
#include "decode/track/flow_key.hpp"
#include "decode/track/tcp_history.hpp"
#include "decode/track/tcp_segment.hpp"
#include "decode/track/tcp_seq_analysis.hpp"

namespace wirelab::decode {

enum class TcpSide : std::uint8_t { Client = 0, Server = 1 };  // originator / responder

// Zeek's endpoint states (init-bare.zeek), from which conn_state is derived.
enum class ZeekEndpointState : std::uint8_t { Inactive, SynSent, SynAckSent, Partial, Established, Closed, Reset };

struct TcpEndpointInfo {
  FlowEndpoint address;
  std::uint64_t packets = 0;
  std::uint64_t payload_bytes = 0;     // payload of segments that advanced the sequence space
  std::uint64_t wire_bytes = 0;        // frame lengths (conversation tables)
  std::uint64_t table_packets = 0;     // packets a conversation table counts (not malformed)
  std::uint64_t table_bytes = 0;
  TcpState state = TcpState::Unknown;  // (next to zeek: no padding)
  ZeekEndpointState zeek = ZeekEndpointState::Inactive;
  // Segments whose checksum was verified and found wrong: Zeek leaves them out of its
  // summary (orig_pkts/resp_pkts, letters, states) and only writes c/C for them.
  std::uint32_t bad_checksums = 0;
};

// One endpoint's raw facts that only the story reads: its FIN, how far it has sent, Zeek's
// repeat tests and letters, a receive that may be undone (TcpConnection::Side has the rest).
struct TcpStorySide {
  std::uint32_t fin_seq = 0;       // seq of the FIN (the FIN occupies fin_seq)
  std::uint32_t high_seq = 0;      // highest seq+len sent (raw)
  std::uint32_t last_syn_seq = 0, last_fin_seq = 0, last_rst_seq = 0;  // Zeek's repeat tests
  std::array<std::uint32_t, 4> hist_count{};  // Zeek's counted letters c g t w
  std::uint16_t hist_once = 0;     // Zeek's once-only letters already written
  std::uint8_t optimistic_index = 0;  // history index of a receive that may be undone
  TcpState before_optimistic = TcpState::Unknown;
  bool fin_seen : 1 = false;
  bool high_seq_set : 1 = false;
  bool data_after_peer_fin : 1 = false;
  bool fin_pending_receipt : 1 = false;  // peer's FIN not yet taken in by this side
  // This side went ESTABLISHED on taking in the peer's SYN-ACK (at receive); if it then
  // sends a SYN-ACK of its own, the two SYN-ACKs crossed (see infer_states).
  bool established_by_peer_synack : 1 = false;
};

// The part of a connection only its story needs: both endpoints' RFC 9293 state histories,
// Zeek's history letters and each side's raw facts behind them. A record of its own, kept
// only while the story is (see TcpConnection's constructor): without it the connection
// record is about half the size (392 bytes instead of 736 on x86-64), and a capture of many
// connections is that much less memory to zero and touch.
struct TcpStory {
  std::array<TcpHistory, 2> states;  // [client, server]; first entry: the initial state (frame 0)
  std::string zeek_history;
  std::array<TcpStorySide, 2> sides{};  // [client, server]
};

class TcpConnection {
 public:
  // `story`: where to keep the connection's story (both endpoints' states, handshake and
  // teardown kinds, TIME-WAIT, Zeek's conn_state and history), or nullptr not to keep it. Then
  // only what tshark's per-packet fields and conversation tables need is kept (stream,
  // relative numbers, analysis flags, counters, times, handshake RTT), and the story's
  // accessors say nothing meaningful. The record must outlive the connection.
  TcpConnection(std::int64_t stream, const FlowEndpoint& first_src, const FlowEndpoint& first_dst, TcpStory* story);

  // Feeds one segment; `dir` 0 when it was sent by first_src(), 1 when by first_dst().
  // Fills `note` (tcp.stream, relative numbers, analysis flags).
  void on_segment(const TcpSegment& s, int dir, TcpAnnotation& note);
  // The steady state's segment, the common one: no SYN, FIN or RST, in order, into an open
  // window, on a connection whose story, when kept, has nothing to add but Zeek's counted
  // letters (without the story, the handshake's last ACK is one too, and so are FIN and RST
  // segments in order). Does exactly what on_segment() would, inline, so that a caller's
  // segment stays in registers; false, having done nothing, for any other segment.
  bool on_plain_segment(const TcpSegment& s, int dir, TcpAnnotation& note);

  std::int64_t stream() const { return stream_; }
  const TcpEndpointInfo& client() const { return ep_[0]; }
  const TcpEndpointInfo& server() const { return ep_[1]; }
  const TcpEndpointInfo& endpoint(TcpSide s) const { return ep_[static_cast<int>(s)]; }
  // tshark's conversation-table orientation: A = source of the first packet seen.
  const FlowEndpoint& first_src() const { return ep_[first_src_side_].address; }
  const FlowEndpoint& first_dst() const { return ep_[1 - first_src_side_].address; }

  HandshakeKind handshake() const;
  TeardownKind teardown() const;
  // The endpoint in TIME-WAIT at the end of the capture, if any.
  const TcpEndpointInfo* time_wait_holder() const;
  std::int64_t time_wait_entered_ns() const;  // when the holder entered TIME-WAIT
  std::int64_t handshake_rtt_ns() const { return first_rtt_ns_; }  // 0 when not measured
  std::int64_t first_ts_ns() const { return first_ts_; }
  std::int64_t last_ts_ns() const { return last_ts_; }
  std::uint64_t first_frame() const { return first_frame_; }
  std::uint64_t last_frame() const { return last_frame_; }
  // Zeek conn.log columns.
  std::string_view conn_state() const;
  const std::string& history() const;
  // One endpoint's state history (empty without the story).
  const TcpHistory& states(TcpSide side) const;
  // tshark's port-reuse test for a new SYN on this 4-tuple: does it start a new stream?
  bool syn_starts_new_stream(const TcpSegment& s, int dir) const;
  // The connection's SYN to retransmit: restore the sequence bookkeeping as tshark does.
  void prepare_syn_retransmission(int dir);
  // Which way a segment between these two endpoints goes: 0 from first_src(), 1 from
  // first_dst(), -1 when it is not this connection's 4-tuple.
  int direction_of(const FlowEndpoint& src, const FlowEndpoint& dst) const {
    // Against ep_[0] and ep_[1] directly (no indexing by first_src_side_): sent by ep_[0] is
    // direction 0 exactly when ep_[0] is the first source.
    const FlowEndpoint& a = ep_[0].address;
    const FlowEndpoint& b = ep_[1].address;
    if (a == src && b == dst) return first_src_side_;
    if (a == dst && b == src) return 1 - first_src_side_;
    return -1;
  }
  void mark_reused_ports() {
    reused_ports_pending_ = true;
    plain_ok_ = false;
  }
  // Per-segment record kept for the sequence diagram when recording is on.
  struct Step {
    std::uint64_t frame = 0;
    std::int64_t ts_ns = 0;
    std::uint32_t rel_seq = 0, rel_ack = 0, len = 0, analysis = 0;
    std::uint16_t flags = 0;
    std::uint8_t side = 0;  // sender: 0 client, 1 server
  };
  void record_steps(bool on) {
    record_steps_ = on;
    plain_ok_ = plain_ok_ && !on;
  }
  const std::vector<Step>& steps() const;
  // The state of a side right after `frame` (from its history).
  TcpState state_after(TcpSide side, std::uint64_t frame) const;
  std::uint64_t handshake_done_frame() const { return handshake_done_frame_; }
  std::uint64_t teardown_start_frame() const { return teardown_start_frame_; }

  // Heap memory held beyond this record and its story record (long histories, Zeek's letters,
  // recorded steps).
  std::size_t heap_bytes() const;

  // Zeek's once-only history letters d and a: bits of TcpStorySide::hist_once.
  static constexpr std::uint16_t kOnceData = 8, kOnceAck = 16;

 private:
  // The per-segment fields (tcp.stream, relative numbers, analysis, times) and counters.
  void annotate(const TcpSegment& s, const TcpSeqResult& a, int dir, TcpAnnotation& n) const;
  void count(const TcpSegment& s, int snd, std::uint32_t analysis);
  void assign_roles(const TcpSegment& s);
  // collapse: a second change in the same frame replaces the first (RFC 9293 Note 2's direct edge).
  void set_state(int side, TcpState to, const TcpSegment& s, bool at_send, bool collapse = true);
  void tell_story(const TcpSegment& s, int snd, std::uint32_t analysis);
  // tell_story() for a segment without SYN, FIN or RST while quiet_.
  void tell_quiet_story(const TcpSegment& s, int snd, std::uint32_t analysis);
  // Zeek's 't': payload below what this side already sent (asked before the segment counts).
  bool resends_payload(const TcpSegment& s, int snd) const;
  void infer_states(const TcpSegment& s, int snd);
  void track_phases(const TcpSegment& s, int snd);
  void track_handshake(const TcpSegment& s, int snd);  // the part of track_phases() the RTT needs
  // track_handshake() for a segment without SYN that has the ACK flag: is it the handshake's
  // last ACK? Takes no segment, so that on_plain_segment()'s stays in registers.
  void take_handshake_ack(std::uint32_t ack, std::uint64_t frame, std::int64_t ts_ns, int snd);
  void update_zeek(const TcpSegment& s, int snd, std::uint32_t analysis, bool resent_payload);
  void zeek_letters_without_control(int snd, std::uint16_t once, bool zero_window, std::uint32_t analysis,
                                    bool resent_payload);
  // The once-only letter a segment without SYN, FIN or RST may write: kOnceData, kOnceAck or 0.
  static std::uint16_t once_letter(const TcpSegment& s) {
    return s.len > 0 ? kOnceData : (s.flags & tcp_flag::kAck) ? kOnceAck : 0;
  }
  void raise_high_seq(const TcpSegment& s, int snd);
  bool is_quiet() const;
  void add_history(int snd, char letter);
  void add_counted_history(int snd, int which, char letter);

  std::int64_t stream_;
  std::array<TcpEndpointInfo, 2> ep_;
  std::array<TcpSeqDirection, 2> seq_;   // tshark orientation: [0] = from first_src

  // Raw facts per side (client/server) that the handshake RTT needs, with or without the story
  // (TcpStorySide has the story's): a million connections live in memory.
  struct Side {
    std::uint32_t isn = 0;
    bool synack_seen : 1 = false;
    bool bare_syn_seen : 1 = false;
  };
  std::array<Side, 2> side_{};
  std::int64_t syn_ts_ = 0;
  std::int64_t first_rtt_ns_ = 0;
  std::int64_t first_ts_ = 0, last_ts_ = 0;
  std::uint64_t first_frame_ = 0, last_frame_ = 0;
  // Small members together (no padding between them): a million connections live in memory.
  std::uint8_t first_src_side_ = 0;  // which endpoint sent the first packet
  bool roles_known_ = false;
  std::int8_t rst_side_ = -1;
  std::int8_t first_fin_side_ = -1;
  bool rst_seen_ = false;
  bool rst_before_synack_ = false;
  bool handshake_acked_ = false;
  bool second_fin_crossed_ = false;
  bool second_fin_acks_first_ = false;
  bool first_fin_acked_separately_ = false;
  bool both_fins_before_rst_ = false;
  bool reused_ports_pending_ = false;
  bool record_steps_ = false;
  // Nothing a segment without SYN, FIN or RST could change in the states, the phases or
  // Zeek's endpoint states (see is_quiet()): such a segment skips those steps.
  bool quiet_ = false;
  // on_plain_segment() may take the next segment it is meant for (set by on_segment()).
  bool plain_ok_ = false;
  std::unique_ptr<std::vector<Step>> steps_;  // only while recording (8 bytes, not a vector's 24)
  std::uint64_t handshake_done_frame_ = 0;
  std::uint64_t teardown_start_frame_ = 0;

  TcpStory* story_;  // nullptr: the story is not kept
};

// Inline, for on_plain_segment() and on_segment() alike.

inline void TcpConnection::annotate(const TcpSegment& s, const TcpSeqResult& a, int dir, TcpAnnotation& n) const {
  const TcpSeqDirection& fwd = seq_[static_cast<std::size_t>(dir)];
  const TcpSeqDirection& rev = seq_[1 - static_cast<std::size_t>(dir)];
  n.stream = stream_;
  n.has_rel = true;
  n.rel_seq = s.seq - fwd.base_seq;
  n.rel_ack = (s.flags & tcp_flag::kAck) ? s.ack - rev.base_seq : 0;
  n.next_seq = n.rel_seq + s.len + ((s.flags & (tcp_flag::kSyn | tcp_flag::kFin)) ? 1u : 0u);
  n.analysis = a.analysis;
  n.dup_ack_num = a.dup_ack_num;
  n.dup_ack_frame = a.dup_ack_frame;
  n.time_relative_ns = s.ts_ns - first_ts_;
  n.time_delta_ns = s.ts_ns - last_ts_;
  n.from_client = (dir ^ first_src_side_) == 0;
}

inline void TcpConnection::count(const TcpSegment& s, int snd, std::uint32_t analysis) {
  TcpEndpointInfo& e = ep_[static_cast<std::size_t>(snd)];
  ++e.packets;
  e.wire_bytes += s.wire_len;
  if (!s.malformed) {
    ++e.table_packets;
    e.table_bytes += s.wire_len;
  }
  constexpr std::uint32_t kResent = tcp_analysis::kRetransmission | tcp_analysis::kFastRetransmission |
                                    tcp_analysis::kSpuriousRetransmission;
  if (!(analysis & kResent)) e.payload_bytes += s.len;
  last_ts_ = s.ts_ns;
  last_frame_ = s.frame;
}

inline bool TcpConnection::resends_payload(const TcpSegment& s, int snd) const {
  const TcpStorySide& me = story_->sides[static_cast<std::size_t>(snd)];
  return s.len > 0 && me.high_seq_set && seq_lt(s.seq, me.high_seq);
}

inline void TcpConnection::raise_high_seq(const TcpSegment& s, int snd) {
  TcpStorySide& me = story_->sides[static_cast<std::size_t>(snd)];
  const std::uint32_t end = s.seq + s.len + ((s.flags & (tcp_flag::kSyn | tcp_flag::kFin)) ? 1u : 0u);
  if (!me.high_seq_set || seq_gt(end, me.high_seq)) {
    me.high_seq = end;
    me.high_seq_set = true;
  }
}

inline void TcpConnection::tell_quiet_story(const TcpSegment& s, int snd, std::uint32_t analysis) {
  const bool resent = resends_payload(s, snd);
  raise_high_seq(s, snd);
  // Usually every letter this segment could add is written already.
  const std::uint16_t once = once_letter(s);
  if ((story_->sides[static_cast<std::size_t>(snd)].hist_once & once) != once || resent || s.window == 0 ||
      (analysis & tcp_analysis::kLostSegment))
    zeek_letters_without_control(snd, once, s.window == 0, analysis, resent);
}

[[gnu::always_inline]] inline bool TcpConnection::on_plain_segment(const TcpSegment& s, int dir, TcpAnnotation& n) {
  // Without the story a FIN or RST changes only the numbers (no states, no phases, no Zeek
  // summary), so it takes this path too when it continues the sequence space.
  if (!plain_ok_ || (s.flags & tcp_flag::kSyn) || s.checksum_bad) return false;
  if (story_ && (s.flags & (tcp_flag::kFin | tcp_flag::kRst))) return false;
  const std::size_t d = static_cast<std::size_t>(dir);
  TcpSeqResult a;
  if (!TcpSeqAnalysis::analyze_in_order(s, seq_[d], seq_[1 - d], a)) return false;
  annotate(s, a, dir, n);
  const int snd = dir ^ first_src_side_;
  if (story_) tell_quiet_story(s, snd, a.analysis);
  else if (!handshake_acked_ && side_[static_cast<std::size_t>(TcpSide::Server)].synack_seen && (s.flags & tcp_flag::kAck))
    take_handshake_ack(s.ack, s.frame, s.ts_ns, snd);  // as on_segment() does without the story
  count(s, snd, a.analysis);
  return true;
}

}  // namespace wirelab::decode
