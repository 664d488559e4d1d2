#include "decode/track/tcp_connection.hpp"

#include "decode/tcp.hpp"

namespace wirelab::decode {

namespace {
constexpr int kClient = 0, kServer = 1;
// Counted Zeek history letters (logarithmic): index into hist_count_.
constexpr int kHistChecksum = 0, kHistGap = 1, kHistRetrans = 2, kHistZeroWin = 3;
// Once-only Zeek history letters: bits of hist_once_.
constexpr std::uint16_t kOnceSyn = 1, kOnceFin = 2, kOnceRst = 4, kOnceMulti = 32, kOnceFinRst = 64;
constexpr std::uint16_t kOnceData = TcpConnection::kOnceData, kOnceAck = TcpConnection::kOnceAck;

bool has(std::uint16_t flags, std::uint16_t f) { return (flags & f) != 0; }
}  // namespace

TcpConnection::TcpConnection(std::int64_t stream, const FlowEndpoint& first_src, const FlowEndpoint& first_dst,
                             TcpStory* story)
    : stream_(stream), story_(story) {
  ep_[0].address = first_src;
  ep_[1].address = first_dst;
}

void TcpConnection::assign_roles(const TcpSegment& s) {
  roles_known_ = true;
  const bool syn = has(s.flags, tcp_flag::kSyn), ack = has(s.flags, tcp_flag::kAck);
  // The originator is the endpoint that sent the first SYN; a capture that starts with the
  // SYN-ACK shows the originator as its receiver (Zeek marks that flip with '^').
  // ep_ holds (first source, first destination) until now; the first packet came from `src`.
  if (syn && ack) {
    std::swap(ep_[0].address, ep_[1].address);
    first_src_side_ = 1;
    if (story_) story_->zeek_history += '^';
  }
  // Initial states: an active opener was CLOSED; everything else is unknown until the
  // endpoint's own first segment reveals it (see infer_states).
  const TcpState client0 = syn && !ack ? TcpState::Closed : TcpState::Unknown;
  ep_[0].state = client0;
  ep_[1].state = TcpState::Unknown;
  if (story_) {
    story_->states[0].push_back({.frame = 0, .from = client0, .to = client0, .ts_ns = s.ts_ns});
    story_->states[1].push_back({.frame = 0, .from = TcpState::Unknown, .to = TcpState::Unknown, .ts_ns = s.ts_ns});
  }
}

// Inline: infer_states() calls it at a dozen places, and a call costs as much as its body.
[[gnu::always_inline]] inline void TcpConnection::set_state(int side, TcpState to, const TcpSegment& s, bool at_send, bool collapse) {
  TcpEndpointInfo& e = ep_[static_cast<std::size_t>(side)];
  if (e.state == to) return;
  TcpHistory& h = story_->states[static_cast<std::size_t>(side)];
  if (collapse && h.size() > 1) {
    TcpTransition& last = h.back();
    if (last.frame == s.frame) {
      // Two steps in one segment (FIN-WAIT-1 -> FIN-WAIT-2 -> TIME-WAIT): one transition.
      last.to = to;
      if (last.from == to) h.pop_back();
      e.state = to;
      return;
    }
  }
  h.push_back({.frame = s.frame & TcpTransition::kFrameMask, .at_send = at_send, .from = e.state, .to = to, .ts_ns = s.ts_ns});
  e.state = to;
}

// An endpoint whose state was unknown until its first segment: now we know what it was.
static void reveal_initial(TcpEndpointInfo& e, TcpHistory& h, TcpState initial) {
  if (h.size() == 1 && h[0].to == TcpState::Unknown) {
    h[0].from = h[0].to = initial;
    e.state = initial;
  }
}

void TcpConnection::infer_states(const TcpSegment& s, int snd) {
  const int rcv = 1 - snd;
  TcpEndpointInfo& S = ep_[static_cast<std::size_t>(snd)];
  TcpEndpointInfo& R = ep_[static_cast<std::size_t>(rcv)];
  TcpHistory& SH = story_->states[static_cast<std::size_t>(snd)];
  TcpHistory& RH = story_->states[static_cast<std::size_t>(rcv)];
  std::array<TcpStorySide, 2>& sides = story_->sides;
  const bool syn = has(s.flags, tcp_flag::kSyn), ack = has(s.flags, tcp_flag::kAck);
  const bool fin = has(s.flags, tcp_flag::kFin), rst = has(s.flags, tcp_flag::kRst);
  auto acks = [&](std::uint32_t target) { return ack && seq_ge(s.ack, target); };

  if (rst) {
    // A responder whose first word is RST had nobody listening (refused): it was CLOSED.
    if (S.packets == 0 && S.state == TcpState::Unknown && snd == kServer && side_[kClient].bare_syn_seen) {
      reveal_initial(S, SH, TcpState::Closed);
    } else {
      set_state(snd, TcpState::Closed, s, true);
    }
    // RFC 9293 Note 1: a passive SYN-RECEIVED returns to LISTEN on RST.
    if (R.state == TcpState::SynReceived && RH.back().from == TcpState::Listen) {
      set_state(rcv, TcpState::Listen, s, false);
    } else if (R.state != TcpState::Closed) {
      set_state(rcv, TcpState::Closed, s, false);
    }
  } else {
    // --- what the sender's segment says about the sender ---
    if (syn && !ack) {
      if (S.packets == 0 && S.state == TcpState::Unknown) reveal_initial(S, SH, TcpState::Closed);
      if (S.state == TcpState::Closed || S.state == TcpState::Listen || S.state == TcpState::Unknown)
        set_state(snd, TcpState::SynSent, s, true);
    } else if (syn && ack) {
      // Simultaneous open with crossing SYN-ACKs: this side was taken to be ESTABLISHED when
      // the peer's SYN-ACK went by, yet it now answers with a SYN-ACK of its own, which it
      // sends only from SYN-RECEIVED ("rcv SYN / snd SYN,ACK", RFC 9293). So the peer's
      // SYN-ACK was still in flight: undo that receive; the endpoint enters SYN-RECEIVED as it
      // sends this SYN-ACK and ESTABLISHED when the crossing one arrives, right after it.
      TcpStorySide& me = sides[static_cast<std::size_t>(snd)];
      bool take_in_crossing_synack = false;
      if (me.established_by_peer_synack && S.state == TcpState::Established && SH.size() > 1 &&
          SH.back().to == TcpState::Established && !SH.back().at_send &&
          SH.back().frame != s.frame) {
        S.state = SH.back().from;
        SH.pop_back();
        me.established_by_peer_synack = false;
        take_in_crossing_synack = true;
      }
      if (S.packets == 0 && S.state == TcpState::Unknown && side_[static_cast<std::size_t>(rcv)].bare_syn_seen)
        reveal_initial(S, SH, TcpState::Listen);  // it answered a SYN: it was listening
      if (S.state == TcpState::Listen || S.state == TcpState::SynSent || S.state == TcpState::Unknown ||
          S.state == TcpState::Closed)
        set_state(snd, TcpState::SynReceived, s, true);
      if (take_in_crossing_synack) set_state(snd, TcpState::Established, s, false, false);
    }
    if (fin) {
      // Crossing FINs: this side sends its FIN without acknowledging the peer's, so it had not
      // taken the peer's FIN in yet; undo that receive and take it in later.
      const std::size_t sn = static_cast<std::size_t>(snd), pn = static_cast<std::size_t>(rcv);
      if (sides[pn].fin_seen && !acks(sides[pn].fin_seq + 1) && sides[sn].optimistic_index != 0 &&
          sides[sn].optimistic_index == SH.size() - 1 && S.state == TcpState::CloseWait) {
        SH.pop_back();
        S.state = sides[sn].before_optimistic;
        sides[sn].optimistic_index = 0;
        sides[sn].fin_pending_receipt = true;
      }
      switch (S.state) {
        case TcpState::Established:
        case TcpState::SynReceived:
        case TcpState::Unknown: set_state(snd, TcpState::FinWait1, s, true); break;
        case TcpState::CloseWait: set_state(snd, TcpState::LastAck, s, true); break;
        default: break;  // a retransmitted FIN
      }
    }
    // A deferred peer FIN is taken in once this side acknowledges it ("rcv FIN / snd ACK").
    if (const std::size_t sn = static_cast<std::size_t>(snd), pn = static_cast<std::size_t>(rcv);
        sides[sn].fin_pending_receipt && acks(sides[pn].fin_seq + 1)) {
      sides[sn].fin_pending_receipt = false;
      if (S.state == TcpState::FinWait1) set_state(snd, TcpState::Closing, s, true);
      else if (S.state == TcpState::FinWait2) set_state(snd, TcpState::TimeWait, s, true);
      else if (S.state == TcpState::Established) set_state(snd, TcpState::CloseWait, s, true);
    }

    // --- what the receiver does on receiving it ---
    const std::size_t rn = static_cast<std::size_t>(rcv);
    // Segments arrive in order: a FIN whose receipt was deferred has arrived by now.
    if (sides[rn].fin_pending_receipt) {
      sides[rn].fin_pending_receipt = false;
      if (R.state == TcpState::FinWait1) set_state(rcv, TcpState::Closing, s, false, false);
      else if (R.state == TcpState::FinWait2) set_state(rcv, TcpState::TimeWait, s, false, false);
      else if (R.state == TcpState::Established) set_state(rcv, TcpState::CloseWait, s, false, false);
    }
    if (syn && ack && R.state == TcpState::SynSent && acks(side_[rn].isn + 1)) {
      set_state(rcv, TcpState::Established, s, false);
      sides[rn].established_by_peer_synack = true;
    } else if (syn && !ack && R.state == TcpState::SynSent) {
      set_state(rcv, TcpState::SynReceived, s, false);  // simultaneous open
    } else if (!syn && R.state == TcpState::SynReceived && acks(side_[rn].isn + 1)) {
      set_state(rcv, TcpState::Established, s, false);
    } else if (syn && ack && R.state == TcpState::SynReceived && acks(side_[rn].isn + 1)) {
      set_state(rcv, TcpState::Established, s, false);  // simultaneous open: SYN-ACK of our SYN
      sides[rn].established_by_peer_synack = true;
    }
    if (sides[rn].fin_seen && acks(sides[rn].fin_seq + 1)) {
      if (R.state == TcpState::FinWait1) set_state(rcv, TcpState::FinWait2, s, false);
      else if (R.state == TcpState::Closing) set_state(rcv, TcpState::TimeWait, s, false, false);
      else if (R.state == TcpState::LastAck) set_state(rcv, TcpState::Closed, s, false);
    }
    if (fin && !sides[rn].fin_pending_receipt) {
      const TcpState before = R.state;
      switch (R.state) {
        case TcpState::Established:
        case TcpState::SynReceived:
        case TcpState::Unknown:
          set_state(rcv, TcpState::CloseWait, s, false);
          // Remember: if this side's next FIN does not ack this one, the FINs crossed.
          sides[rn].before_optimistic = before;
          sides[rn].optimistic_index = static_cast<std::uint8_t>(RH.size() - 1);
          break;
        case TcpState::FinWait1: set_state(rcv, TcpState::Closing, s, false); break;
        case TcpState::FinWait2: set_state(rcv, TcpState::TimeWait, s, false); break;
        default: break;
      }
    }
  }
}

void TcpConnection::track_handshake(const TcpSegment& s, int snd) {
  const std::size_t sn = static_cast<std::size_t>(snd);
  const bool syn = has(s.flags, tcp_flag::kSyn), ack = has(s.flags, tcp_flag::kAck);
  if (syn && !ack) {
    if (!side_[sn].bare_syn_seen) side_[sn].isn = s.seq;
    side_[sn].bare_syn_seen = true;
    if (snd == kClient) syn_ts_ = s.ts_ns;
  }
  if (syn && ack) {
    if (!side_[sn].synack_seen && !side_[sn].bare_syn_seen) side_[sn].isn = s.seq;
    side_[sn].synack_seen = true;
  }
  if (!syn && ack) take_handshake_ack(s.ack, s.frame, s.ts_ns, snd);
  if (syn && ack && side_[0].bare_syn_seen && side_[1].bare_syn_seen && !handshake_done_frame_) handshake_done_frame_ = s.frame;
}

void TcpConnection::take_handshake_ack(std::uint32_t ack, std::uint64_t frame, std::int64_t ts_ns, int snd) {
  if (snd == kClient && !handshake_acked_ && side_[kServer].synack_seen && side_[kClient].bare_syn_seen &&
      !side_[kServer].bare_syn_seen && seq_ge(ack, side_[kServer].isn + 1)) {
    handshake_acked_ = true;
    handshake_done_frame_ = frame;
    first_rtt_ns_ = ts_ns - syn_ts_;
  }
}

void TcpConnection::track_phases(const TcpSegment& s, int snd) {
  track_handshake(s, snd);
  const std::size_t sn = static_cast<std::size_t>(snd), pn = 1 - sn;
  TcpStorySide& me = story_->sides[sn];
  const TcpStorySide& peer = story_->sides[pn];
  const bool syn = has(s.flags, tcp_flag::kSyn), ack = has(s.flags, tcp_flag::kAck);
  const bool fin = has(s.flags, tcp_flag::kFin), rst = has(s.flags, tcp_flag::kRst);
  if (s.len > 0 && peer.fin_seen && !me.fin_seen && me.high_seq_set && seq_ge(s.seq, me.high_seq))
    me.data_after_peer_fin = true;
  if (ack && !fin && peer.fin_seen && seq_ge(s.ack, peer.fin_seq + 1) && !me.fin_seen)
    first_fin_acked_separately_ = true;
  if (fin && !me.fin_seen) {
    me.fin_seen = true;
    me.fin_seq = s.seq + s.len + (syn ? 1u : 0u);
    if (first_fin_side_ < 0) {
      first_fin_side_ = static_cast<std::int8_t>(snd);
      if (!teardown_start_frame_) teardown_start_frame_ = s.frame;
    } else {
      second_fin_acks_first_ = ack && seq_ge(s.ack, peer.fin_seq + 1);
      second_fin_crossed_ = !second_fin_acks_first_;
    }
  }
  if (rst && !rst_seen_) {
    rst_seen_ = true;
    rst_side_ = static_cast<std::int8_t>(snd);
    both_fins_before_rst_ = me.fin_seen && peer.fin_seen;
    rst_before_synack_ = snd == kServer && !side_[kServer].synack_seen;
    if (!teardown_start_frame_) teardown_start_frame_ = s.frame;
    if (rst_before_synack_ && !handshake_done_frame_) handshake_done_frame_ = s.frame;
  }
  raise_high_seq(s, snd);
}

void TcpConnection::add_history(int snd, char letter) {
  story_->zeek_history += snd == kClient ? static_cast<char>(letter - 'a' + 'A') : letter;
}

void TcpConnection::add_counted_history(int snd, int which, char letter) {
  // Zeek writes the letter again at 10, 100, 1000 ... events.
  std::uint32_t& count = story_->sides[static_cast<std::size_t>(snd)].hist_count[static_cast<std::size_t>(which)];
  if (count == 0xffffffffu) return;
  ++count;
  std::uint32_t p = 1;
  while (p < count && p <= 0xffffffffu / 10) p *= 10;
  if (p == count) add_history(snd, letter);
}

// Zeek's history letters for a segment with none of SYN, FIN, RST: data or a pure ACK (each
// once per direction; `once` from once_letter()), then the counted ones. Takes no segment, so
// that the inline caller's segment can stay in registers.
void TcpConnection::zeek_letters_without_control(int snd, std::uint16_t once, bool zero_window, std::uint32_t analysis,
                                                 bool resent_payload) {
  TcpStorySide& me = story_->sides[static_cast<std::size_t>(snd)];
  if (once && !(me.hist_once & once)) {
    me.hist_once |= once;
    add_history(snd, once == kOnceData ? 'd' : 'a');
  }
  if (resent_payload) add_counted_history(snd, kHistRetrans, 't');
  if (zero_window) add_counted_history(snd, kHistZeroWin, 'w');
  if (analysis & tcp_analysis::kLostSegment) add_counted_history(snd, kHistGap, 'g');
}

void TcpConnection::update_zeek(const TcpSegment& s, int snd, std::uint32_t analysis, bool resent_payload) {
  const std::size_t sn = static_cast<std::size_t>(snd);
  TcpStorySide& facts = story_->sides[sn];
  const bool syn = has(s.flags, tcp_flag::kSyn), ack = has(s.flags, tcp_flag::kAck);
  const bool fin = has(s.flags, tcp_flag::kFin), rst = has(s.flags, tcp_flag::kRst);
  auto once = [&](std::uint16_t bit, char letter) {
    if (facts.hist_once & bit) return true;
    facts.hist_once |= bit;
    add_history(snd, letter);
    return false;
  };
  // History letters, as Zeek's update_history(): combined control flags first, then
  // SYN/FIN/RST with repeats on a new sequence number, else data or a pure ACK.
  const int control = int{syn} + int{fin} + int{rst};
  if (control > 1) {
    if (fin && rst) once(kOnceFinRst, 'i');
    else once(kOnceMulti, 'q');
  } else if (control == 1) {
    if (syn) {
      const char code = ack ? 'h' : 's';
      if (once(kOnceSyn, code) && s.seq != facts.last_syn_seq) add_history(snd, code);
      facts.last_syn_seq = s.seq;
    }
    if (fin) {
      if (once(kOnceFin, 'f') && s.seq + s.len != facts.last_fin_seq) add_history(snd, 'f');
      facts.last_fin_seq = s.seq + s.len;
    }
    if (rst) {
      if (once(kOnceRst, 'r') && s.seq != facts.last_rst_seq) add_history(snd, 'r');
      facts.last_rst_seq = s.seq;
    }
  } else {
    zeek_letters_without_control(snd, once_letter(s), s.window == 0, analysis, resent_payload);
  }
  if (control != 0) {
    if (resent_payload) add_counted_history(snd, kHistRetrans, 't');
    if (analysis & tcp_analysis::kLostSegment) add_counted_history(snd, kHistGap, 'g');
  }

  // Zeek's endpoint states.
  auto& me = ep_[sn].zeek;
  auto& peer = ep_[1 - sn].zeek;
  using Z = ZeekEndpointState;
  if (rst) {
    me = Z::Reset;
  } else if (fin) {
    me = Z::Closed;
  } else if (syn) {
    if (me == Z::Inactive) me = ack ? Z::SynAckSent : Z::SynSent;
  } else if (me == Z::Inactive) {
    me = Z::Partial;
  } else if ((me == Z::SynSent || me == Z::SynAckSent) && ack &&
             (peer == Z::SynAckSent || peer == Z::SynSent || peer == Z::Established)) {
    me = Z::Established;
    if (peer == Z::SynAckSent || peer == Z::SynSent) peer = Z::Established;
  }
}

// A segment without SYN, FIN or RST changes nothing in infer_states(), track_phases() and
// Zeek's endpoint states unless one of these holds; is_quiet() says none does (then only the
// sequence bookkeeping and the once-only history letters are left to do).
bool TcpConnection::is_quiet() const {
  using Z = ZeekEndpointState;
  auto settled = [](Z z) { return z == Z::Established || z == Z::Partial; };
  const Side& c = side_[kClient];
  const Side& v = side_[kServer];
  const TcpStorySide& tc = story_->sides[kClient];
  const TcpStorySide& tv = story_->sides[kServer];
  const bool handshake_ack_pending = !handshake_acked_ && v.synack_seen && c.bare_syn_seen && !v.bare_syn_seen;
  return roles_known_ && !rst_seen_ && !reused_ports_pending_ && !handshake_ack_pending && !tc.fin_seen &&
         !tv.fin_seen && !tc.fin_pending_receipt && !tv.fin_pending_receipt && ep_[0].state != TcpState::SynReceived &&
         ep_[1].state != TcpState::SynReceived && settled(ep_[0].zeek) && settled(ep_[1].zeek);
}

// Everything on_segment() keeps beyond tshark's numbers: both endpoints' RFC 9293 states,
// the phases, Zeek's history and endpoint states.
inline void TcpConnection::tell_story(const TcpSegment& s, int snd, std::uint32_t analysis) {
  const std::size_t sn = static_cast<std::size_t>(snd);
  const bool control = has(s.flags, tcp_flag::kSyn | tcp_flag::kFin | tcp_flag::kRst);
  if (s.checksum_bad) {
    // Zeek (without -C) drops the segment from its summary but counts it: c/C, logarithmic.
    // Everything else (RFC states, tshark's analysis) takes it as tshark does by default.
    ++ep_[sn].bad_checksums;
    add_counted_history(snd, kHistChecksum, 'c');
    infer_states(s, snd);
    track_phases(s, snd);
    quiet_ = false;
  } else if (!control && quiet_) {
    tell_quiet_story(s, snd, analysis);
  } else {
    const bool resent = resends_payload(s, snd);
    infer_states(s, snd);
    track_phases(s, snd);
    update_zeek(s, snd, analysis, resent);
    quiet_ = is_quiet();
  }
}

void TcpConnection::on_segment(const TcpSegment& s, int dir, TcpAnnotation& n) {
  if (!roles_known_) {
    assign_roles(s);
    first_ts_ = last_ts_ = s.ts_ns;
    first_frame_ = s.frame;
  }
  const int snd = dir ^ first_src_side_;
  const std::size_t d = static_cast<std::size_t>(dir);
  TcpSeqDirection& fwd = seq_[d];
  TcpSeqDirection& rev = seq_[1 - d];
  if (has(s.flags, tcp_flag::kSyn)) {
    // A SYN-ACK with a new ISN on a direction that already had one: tshark flags reused ports
    // and numbers this direction afresh (the stream stays the same).
    if (has(s.flags, tcp_flag::kAck) && fwd.base_set && s.seq != fwd.base_seq) {
      fwd = TcpSeqDirection{};
      reused_ports_pending_ = true;
    }
    TcpSeqAnalysis::learn_window_scale(s, fwd, rev);
  }
  const TcpSeqResult a = TcpSeqAnalysis::analyze(s, fwd, rev, first_rtt_ns_);
  annotate(s, a, dir, n);
  if (reused_ports_pending_) {
    n.analysis |= tcp_analysis::kReusedPorts;
    reused_ports_pending_ = false;
  }

  if (story_) {
    tell_story(s, snd, a.analysis);
  } else if (has(s.flags, tcp_flag::kSyn) || (!handshake_acked_ && side_[kServer].synack_seen)) {
    // Without the story, only the handshake RTT is kept: tshark's out-of-order test needs it.
    track_handshake(s, snd);
  }
  count(s, snd, a.analysis);
  if (record_steps_) {
    if (!steps_) steps_ = std::make_unique<std::vector<Step>>();
    steps_->push_back({.frame = s.frame, .ts_ns = s.ts_ns, .rel_seq = n.rel_seq, .rel_ack = n.rel_ack, .len = s.len,
                       .analysis = n.analysis, .flags = s.flags, .side = static_cast<std::uint8_t>(snd)});
  }
  // What on_plain_segment() relies on. Each of these can change only on a segment it leaves to
  // this function (with SYN; with the story, FIN or RST too), on a checksum found bad, or
  // through a setter, all of which come through here (or clear the flag themselves).
  plain_ok_ = !record_steps_ && seq_[0].base_set && seq_[1].base_set && (!story_ || quiet_);
}

bool TcpConnection::syn_starts_new_stream(const TcpSegment& s, int dir) const {
  // tshark 4.0: a SYN (without ACK) on a known 4-tuple starts a new conversation when its
  // direction already has a base sequence number and the ISN differs from it. The same ISN
  // stays in the old conversation (a retransmission) even after FIN or RST (verified
  // against tshark 4.0.17 in tcp_tracker_oracle_test).
  if ((s.flags & (tcp_flag::kSyn | tcp_flag::kAck)) != tcp_flag::kSyn) return false;
  const TcpSeqDirection& fwd = seq_[static_cast<std::size_t>(dir)];
  if (!fwd.base_set) return false;
  return s.seq != fwd.base_seq;
}

void TcpConnection::prepare_syn_retransmission(int dir) {
  TcpSeqDirection& fwd = seq_[static_cast<std::size_t>(dir)];
  if (fwd.base_set) fwd.nextseq = fwd.maxseqtobeacked;
}

TcpState TcpConnection::state_after(TcpSide side, std::uint64_t frame) const {
  const TcpHistory& h = states(side);
  TcpState st = h.empty() ? TcpState::Unknown : h.front().to;
  for (const TcpTransition& t : h)
    if (t.frame != 0 && t.frame <= frame) st = t.to;
  return st;
}

HandshakeKind TcpConnection::handshake() const {
  if (side_[kClient].bare_syn_seen && side_[kServer].bare_syn_seen) return HandshakeKind::SimultaneousOpen;
  if (!side_[kClient].bare_syn_seen) return side_[kServer].synack_seen ? HandshakeKind::Partial : HandshakeKind::None;
  if (rst_before_synack_) return HandshakeKind::Refused;
  if (ep_[kServer].packets == 0) return HandshakeKind::Unanswered;
  if (handshake_acked_) return HandshakeKind::ThreeWay;
  return HandshakeKind::Partial;
}

TeardownKind TcpConnection::teardown() const {
  if (!story_) return TeardownKind::None;
  const std::array<TcpStorySide, 2>& sides = story_->sides;
  if (rst_seen_ && !both_fins_before_rst_)
    return rst_side_ == kClient ? TeardownKind::ResetByClient : TeardownKind::ResetByServer;
  if (sides[0].fin_seen && sides[1].fin_seen) {
    const std::size_t second = static_cast<std::size_t>(1 - first_fin_side_);
    if (sides[second].data_after_peer_fin) return TeardownKind::HalfClose;
    if (second_fin_crossed_) return TeardownKind::Simultaneous;
    if (second_fin_acks_first_ && !first_fin_acked_separately_) return TeardownKind::ThreeWay;
    return TeardownKind::FourWay;
  }
  if (sides[0].fin_seen || sides[1].fin_seen) return TeardownKind::HalfClose;
  return TeardownKind::None;
}

const TcpEndpointInfo* TcpConnection::time_wait_holder() const {
  for (const auto& e : ep_)
    if (e.state == TcpState::TimeWait) return &e;
  return nullptr;
}

std::int64_t TcpConnection::time_wait_entered_ns() const {
  const TcpEndpointInfo* holder = time_wait_holder();
  if (!holder) return 0;
  const TcpHistory& h = states(holder == &ep_[0] ? TcpSide::Client : TcpSide::Server);
  for (std::size_t i = h.size(); i-- > 0;)
    if (h[i].to == TcpState::TimeWait) return h[i].ts_ns;
  return 0;
}

std::string_view TcpConnection::conn_state() const {
  using Z = ZeekEndpointState;
  const Z o = ep_[0].zeek, r = ep_[1].zeek;
  auto inactive = [](Z z) { return z == Z::Inactive || z == Z::Partial; };
  const bool no_bytes = ep_[0].payload_bytes == 0 && ep_[1].payload_bytes == 0;
  if (r == Z::Reset) {
    if (o == Z::SynSent || o == Z::SynAckSent || (o == Z::Reset && no_bytes)) return "REJ";
    return inactive(o) ? "RSTRH" : "RSTR";
  }
  if (o == Z::Reset) {
    if (!inactive(r)) return "RSTO";
    // History must match /^?S[^HAFGIQ]*R.*/.
    std::string_view h = history();
    if (!h.empty() && h.front() == '^') h.remove_prefix(1);
    if (h.empty() || h.front() != 'S') return "OTH";
    for (std::size_t i = 1; i < h.size(); ++i) {
      if (h[i] == 'R') return "RSTOS0";
      if (std::string_view("HAFGIQ").find(h[i]) != std::string_view::npos) return "OTH";
    }
    return "OTH";
  }
  if (o == Z::Closed && r == Z::Closed) return "SF";
  if (o == Z::Closed) return inactive(r) ? "SH" : "S2";
  if (r == Z::Closed) return inactive(o) ? "SHR" : "S3";
  if (o == Z::SynSent && r == Z::Inactive) return "S0";
  if (o == Z::Established && r == Z::Established) return "S1";
  return "OTH";
}

const std::string& TcpConnection::history() const {
  static const std::string kNone;
  return story_ ? story_->zeek_history : kNone;
}

const TcpHistory& TcpConnection::states(TcpSide side) const {
  static const TcpHistory kNone;
  return story_ ? story_->states[static_cast<std::size_t>(side)] : kNone;
}

const std::vector<TcpConnection::Step>& TcpConnection::steps() const {
  static const std::vector<Step> kNone;
  return steps_ ? *steps_ : kNone;
}

std::size_t TcpConnection::heap_bytes() const {
  std::size_t n = steps_ ? sizeof(*steps_) + steps_->capacity() * sizeof(Step) : 0;
  if (story_) {
    const std::string& z = story_->zeek_history;
    n += story_->states[0].heap_bytes() + story_->states[1].heap_bytes() + (z.capacity() > 15 ? z.capacity() : 0);
  }
  return n;
}

}  // namespace wirelab::decode
