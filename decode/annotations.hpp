// What the conversation trackers learn about one packet and the field registry prints
// (tcp.stream, relative sequence numbers, analysis flags, ...). Filled by Trackers::feed();
// a packet decoded without trackers has none, and those fields are simply absent.
#pragma once
#include <cstdint>

namespace wirelab::decode {

struct TcpAnnotation {
  std::int64_t stream = -1;       // tcp.stream; -1 when not tracked
  std::uint32_t rel_seq = 0;      // tcp.seq
  std::uint32_t rel_ack = 0;      // tcp.ack (valid when the ACK flag is set)
  std::uint32_t next_seq = 0;     // tcp.nxtseq (relative)
  std::uint32_t analysis = 0;     // bit set of TcpAnalysis flags (trackers define the bits)
  std::uint32_t dup_ack_num = 0;  // tcp.analysis.duplicate_ack_num
  std::uint64_t dup_ack_frame = 0;
  std::int64_t time_relative_ns = 0;  // tcp.time_relative
  std::int64_t time_delta_ns = 0;     // tcp.time_delta
  bool has_rel = false;
};

struct PacketAnnotations {
  TcpAnnotation tcp;
  std::int64_t udp_stream = -1;
  // ICMP echo pairing: the frame of the reply (on a request) / request (on a reply).
  std::uint64_t icmp_resp_in = 0;
  std::uint64_t icmp_resp_to = 0;
  std::int64_t icmp_resptime_ns = -1;
  bool icmp_no_resp = false;
};

}  // namespace wirelab::decode
