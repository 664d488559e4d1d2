// Rules follow tshark 4.0's sequence analysis; the order of the tests matters (several end
// the classification early), so it is kept the same.
#include "decode/track/tcp_seq_analysis.hpp"

#include "decode/annotations.hpp"
#include "decode/tcp.hpp"

namespace wirelab::decode {

namespace a = tcp_analysis;

void TcpSeqAnalysis::learn_window_scale(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev) {
  if (!(s.flags & tcp_flag::kSyn)) return;
  if (s.window_shift >= 0) fwd.win_scale = s.window_shift > 14 ? std::int8_t{14} : s.window_shift;
  // A SYN-ACK without the option switches scaling off for both sides (RFC 7323 §2.2).
  if ((s.flags & tcp_flag::kAck) && s.window_shift < 0) fwd.win_scale = rev.win_scale = -2;
}

// The rules in tshark's order, for every segment the fast paths in the header leave.
TcpSeqResult TcpSeqAnalysis::analyze_general(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev,
                                             std::int64_t first_rtt_ns, std::uint32_t window) {
  TcpSeqResult r;
  const std::uint32_t seq = s.seq, ack = s.ack, seglen = s.len;
  const std::uint16_t flags = s.flags;
  const bool syn = flags & tcp_flag::kSyn, fin = flags & tcp_flag::kFin, rst = flags & tcp_flag::kRst;
  const bool has_ack = flags & tcp_flag::kAck;
  const bool control = syn || fin || rst;

  // Duplicate-ACK counting restarts when the acknowledgment number moves (a window update
  // in between does not restart it).
  auto finish_fwd = [&] {
    if (ack != fwd.lastack) {
      fwd.lastnondupack = s.frame;
      fwd.dupacknum = 0;
    }
  };

  bool done_fwd = false;
  // Zero window probe: one byte at the next expected seq into a zero window.
  if (seglen == 1 && seq == fwd.nextseq && rev.window == 0) {
    r.analysis |= a::kZeroWindowProbe;
    done_fwd = true;
  }
  if (!done_fwd) {
    if (window == 0 && !control) r.analysis |= a::kZeroWindow;
    // A hole before this segment: something was not captured.
    if (fwd.nextseq && seq_gt(seq, fwd.nextseq) && !rst) r.analysis |= a::kLostSegment;
    // Keep-alive: 0 or 1 byte starting one before the next expected seq.
    if ((seglen == 0 || seglen == 1) && seq == fwd.nextseq - 1 && !control) r.analysis |= a::kKeepAlive;
    if (seglen == 0 && window != 0 && window != fwd.window && seq == fwd.nextseq && ack == fwd.lastack && !control)
      r.analysis |= a::kWindowUpdate;
    if (seglen > 0 && rev.win_scale != -1 && !control) {
      const std::uint32_t shift = rev.win_scale == -2 ? 0u : static_cast<std::uint32_t>(rev.win_scale);
      const std::uint32_t edge = rev.lastack + (rev.window << shift);
      if (seq + seglen == edge) r.analysis |= a::kWindowFull;
    }
    const bool same_as_before = seglen == 0 && seq == fwd.nextseq && !control;
    if (same_as_before && window != 0 && window == fwd.window && ack == fwd.lastack &&
        (rev.last_segment_flags & a::kKeepAlive)) {
      r.analysis |= a::kKeepAliveAck;
      done_fwd = true;
    } else if (same_as_before && window == 0 && window == fwd.window &&
               (ack == fwd.lastack || ack == fwd.lastack + 1) && (rev.last_segment_flags & a::kZeroWindowProbe)) {
      r.analysis |= a::kZeroWindowProbeAck;
      done_fwd = true;
    } else if (same_as_before && window != 0 && window == fwd.window && ack == fwd.lastack) {
      ++fwd.dupacknum;
      r.analysis |= a::kDuplicateAck;
      r.dup_ack_num = fwd.dupacknum;
      r.dup_ack_frame = fwd.lastnondupack;
    }
  }
  finish_fwd();

  // The peer acknowledges more than we saw it being sent.
  if (rev.maxseqtobeacked && seq_gt(ack, rev.maxseqtobeacked) && has_ack) {
    r.analysis |= a::kAckLostSegment;
    rev.maxseqtobeacked = rev.nextseq;
  }

  // Retransmission, fast retransmission, out-of-order or spurious: data (or SYN/FIN) that
  // does not advance the sequence space.
  if ((seglen > 0 || syn || fin) && !(r.analysis & a::kKeepAlive)) {
    const bool not_advanced = fwd.nextseq && seq_lt(seq, fwd.nextseq);
    if (not_advanced && rev.dupacknum >= 2 && rev.lastack == seq && s.ts_ns - rev.lastack_time < 20'000'000) {
      r.analysis |= a::kFastRetransmission;
    } else {
      // Data the peer already acknowledged is a spurious retransmission (tested before
      // out-of-order, as tshark 4.0 does).
      const std::int64_t ooo_threshold = first_rtt_ns ? first_rtt_ns : 3'000'000;
      if (seglen > 0 && rev.lastack && seq_le(seq + seglen, rev.lastack)) {
        r.analysis |= a::kSpuriousRetransmission;
      } else if (not_advanced && s.ts_ns - fwd.nextseq_time < ooo_threshold &&
                 fwd.nextseq != seq + seglen + ((syn || fin) ? 1u : 0u)) {
        r.analysis |= a::kOutOfOrder;
      } else if (not_advanced) {
        r.analysis |= a::kRetransmission;
      }
    }
  }

  std::uint32_t nextseq = seq + seglen;
  if (syn || fin) nextseq += 1;
  const bool probe = r.analysis & a::kZeroWindowProbe;
  if ((seq_gt(nextseq, fwd.nextseq) || !fwd.nextseq) && !probe) {
    fwd.nextseq = nextseq;
    fwd.nextseq_time = s.ts_ns;
  }
  if ((seq == fwd.maxseqtobeacked || !fwd.maxseqtobeacked) && !probe) fwd.maxseqtobeacked = fwd.nextseq;
  detail::remember_last(fwd, s, window, r.analysis);
  return r;
}

}  // namespace wirelab::decode
