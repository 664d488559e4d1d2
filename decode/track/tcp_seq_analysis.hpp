// tshark's per-direction sequence analysis (packet-tcp.c, tcp_analyze_sequence_number):
// relative numbers and the tcp.analysis.* findings, computed with the same rules so that
// `-e tcp.analysis.retransmission` and friends flag the same frames as tshark 4.0.
#pragma once
#include <cstdint>

#include "decode/annotations.hpp"
#include "decode/tcp.hpp"
#include "decode/track/tcp_segment.hpp"

namespace wirelab::decode {

// One direction's bookkeeping.
struct TcpSeqDirection {
  std::uint32_t base_seq = 0;
  std::uint32_t nextseq = 0;         // highest seq + len (+1 for SYN/FIN) seen; 0 = none yet
  std::uint32_t maxseqtobeacked = 0;
  std::uint32_t lastack = 0;
  std::uint32_t window = 0xffffffffu;  // last window (scaled when known); "none yet" as in tshark
  std::uint32_t dupacknum = 0;
  std::uint64_t lastnondupack = 0;
  std::int64_t nextseq_time = 0;
  std::int64_t lastack_time = 0;
  std::uint32_t last_segment_flags = 0;
  std::int8_t win_scale = -1;        // -1 unknown, -2 no scaling, else the shift
  bool base_set = false;
  bool saw_syn = false;
};

struct TcpSeqResult {
  std::uint32_t analysis = 0;
  std::uint32_t dup_ack_num = 0;
  std::uint64_t dup_ack_frame = 0;
};

class TcpSeqAnalysis {
 public:
  // `fwd` is the segment's direction, `rev` the other one. first_rtt_ns: the handshake RTT
  // once known (0 before), which bounds the out-of-order test as in tshark. Inline: the two
  // most common segments take a short path here; the rest go through analyze_general().
  static TcpSeqResult analyze(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev,
                              std::int64_t first_rtt_ns);
  // The short path alone, for a segment without SYN whose two directions both have their base
  // numbers: true with `r` filled when it applies; false, having changed nothing, when
  // analyze() must take the segment.
  static bool analyze_in_order(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev, TcpSeqResult& r);
  // Applies the window scale learned from the SYN / SYN-ACK options (call before analyze()).
  static void learn_window_scale(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev);
  static std::uint32_t scaled_window(const TcpSegment& s, const TcpSeqDirection& fwd) {
    if ((s.flags & tcp_flag::kSyn) || fwd.win_scale < 0) return s.window;
    return std::uint32_t{s.window} << fwd.win_scale;
  }

 private:
  static TcpSeqResult analyze_general(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev,
                                      std::int64_t first_rtt_ns, std::uint32_t window);
};

namespace detail {
// What every segment leaves behind in its direction's bookkeeping, whatever it was.
inline void remember_last(TcpSeqDirection& fwd, const TcpSegment& s, std::uint32_t window, std::uint32_t analysis) {
  fwd.window = window;
  fwd.lastack = s.ack;
  fwd.lastack_time = s.ts_ns;
  fwd.last_segment_flags = analysis;
}

// What the short path does for a segment that continues the sequence space up to `nextseq`
// (payload, FIN or RST): restart duplicate-ACK counting when the acknowledgment moves, flag
// ACKed-unseen and spurious, move the sequence space, remember the segment.
[[gnu::always_inline]] inline void advance_in_order(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev,
                                                    std::uint32_t window, std::uint32_t nextseq, TcpSeqResult& r) {
  if (s.ack != fwd.lastack) {
    fwd.lastnondupack = s.frame;
    fwd.dupacknum = 0;
  }
  if ((s.flags & tcp_flag::kAck) && rev.maxseqtobeacked && seq_gt(s.ack, rev.maxseqtobeacked)) {
    r.analysis |= tcp_analysis::kAckLostSegment;
    rev.maxseqtobeacked = rev.nextseq;
  }
  if (s.len > 0 && rev.lastack && seq_le(s.seq + s.len, rev.lastack)) r.analysis |= tcp_analysis::kSpuriousRetransmission;
  if (seq_gt(nextseq, fwd.nextseq)) {
    fwd.nextseq = nextseq;
    fwd.nextseq_time = s.ts_ns;
  }
  if (s.seq == fwd.maxseqtobeacked || !fwd.maxseqtobeacked) fwd.maxseqtobeacked = fwd.nextseq;
  remember_last(fwd, s, window, r.analysis);
}
}  // namespace detail

inline bool TcpSeqAnalysis::analyze_in_order(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev,
                                             TcpSeqResult& r) {
  namespace a = tcp_analysis;
  const std::uint32_t seq = s.seq, ack = s.ack, seglen = s.len;
  const bool has_ack = s.flags & tcp_flag::kAck;
  const std::uint32_t window = scaled_window(s, fwd);
  if (!fwd.nextseq || seq != fwd.nextseq || window == 0) return false;

  // The most common segment, data exactly where this direction's sequence space continues,
  // into an open window: of the general rules only window-full, ACKed-unseen and spurious
  // can apply. Same results as the general path, a third of its tests.
  if (seglen > 0 && (seglen != 1 || rev.window != 0) && !(s.flags & (tcp_flag::kFin | tcp_flag::kRst))) {
    if (rev.win_scale != -1) {
      const std::uint32_t shift = rev.win_scale == -2 ? 0u : static_cast<std::uint32_t>(rev.win_scale);
      if (seq + seglen == rev.lastack + (rev.window << shift)) r.analysis |= a::kWindowFull;
    }
    detail::advance_in_order(s, fwd, rev, window, seq + seglen, r);
    return true;
  }

  // A FIN or RST there (the usual teardown): again only ACKed-unseen and spurious can apply,
  // as the rules for full and zero windows, keep-alives, window updates and duplicate ACKs
  // leave control segments out. One byte into a zero window is a probe, which only the
  // general path tells.
  if (s.flags & (tcp_flag::kFin | tcp_flag::kRst)) {
    if (seglen == 1 && rev.window == 0) return false;
    detail::advance_in_order(s, fwd, rev, window, seq + seglen + ((s.flags & tcp_flag::kFin) ? 1u : 0u), r);
    return true;
  }

  // The next most common: a pure ACK that moves the acknowledgment number. Every general
  // rule needs payload, SYN/FIN, a zero window, a sequence number off nextseq or an unchanged
  // acknowledgment number, except ACKed-unseen; the sequence space does not move.
  if (seglen == 0 && ack != fwd.lastack) {
    fwd.lastnondupack = s.frame;
    fwd.dupacknum = 0;
    if (has_ack && rev.maxseqtobeacked && seq_gt(ack, rev.maxseqtobeacked)) {
      r.analysis |= a::kAckLostSegment;
      rev.maxseqtobeacked = rev.nextseq;
    }
    if (seq == fwd.maxseqtobeacked || !fwd.maxseqtobeacked) fwd.maxseqtobeacked = fwd.nextseq;
    detail::remember_last(fwd, s, window, r.analysis);
    return true;
  }
  return false;
}

inline TcpSeqResult TcpSeqAnalysis::analyze(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev,
                                            std::int64_t first_rtt_ns) {
  TcpSeqResult r;
  const std::uint32_t seq = s.seq, ack = s.ack;
  const bool syn = s.flags & tcp_flag::kSyn;
  const bool has_ack = s.flags & tcp_flag::kAck;

  // Relative numbering: a SYN starts at 0, anything else at 1; the peer's base comes from the
  // first ACK when its SYN was not seen.
  if (!fwd.base_set) {
    fwd.base_seq = syn ? seq : seq - 1;
    fwd.saw_syn = syn;
    fwd.base_set = true;
  }
  if (!rev.base_set && has_ack) {
    rev.base_seq = ack - 1;
    rev.base_set = true;
  }
  if (!syn && analyze_in_order(s, fwd, rev, r)) return r;
  return analyze_general(s, fwd, rev, first_rtt_ns, scaled_window(s, fwd));
}

}  // namespace wirelab::decode
