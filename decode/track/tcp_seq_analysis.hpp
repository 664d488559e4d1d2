// tshark's per-direction sequence analysis (packet-tcp.c, tcp_analyze_sequence_number):
// relative numbers and the tcp.analysis.* findings, computed with the same rules so that
// `-e tcp.analysis.retransmission` and friends flag the same frames as tshark 4.0.
#pragma once
#include <cstdint>

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
  // once known (0 before), which bounds the out-of-order test as in tshark.
  static TcpSeqResult analyze(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev,
                              std::int64_t first_rtt_ns);
  // Applies the window scale learned from the SYN / SYN-ACK options (call before analyze()).
  static void learn_window_scale(const TcpSegment& s, TcpSeqDirection& fwd, TcpSeqDirection& rev);
  static std::uint32_t scaled_window(const TcpSegment& s, const TcpSeqDirection& fwd);
};

}  // namespace wirelab::decode
