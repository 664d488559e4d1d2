// What the conversation trackers learn about one packet and the field registry prints
// (tcp.stream, relative sequence numbers, analysis flags, ...). Filled by Trackers::feed();
// a packet decoded without trackers has none, and those fields are simply absent.
#pragma once
#include <cstdint>

namespace wirelab::decode {

// tcp.analysis.* findings, as bits of TcpAnnotation::analysis (tshark's names, same rules).
namespace tcp_analysis {
inline constexpr std::uint32_t kRetransmission = 1u << 0;
inline constexpr std::uint32_t kFastRetransmission = 1u << 1;
inline constexpr std::uint32_t kSpuriousRetransmission = 1u << 2;
inline constexpr std::uint32_t kOutOfOrder = 1u << 3;
inline constexpr std::uint32_t kLostSegment = 1u << 4;       // "previous segment not captured"
inline constexpr std::uint32_t kAckLostSegment = 1u << 5;    // "ACKed segment that wasn't captured"
inline constexpr std::uint32_t kDuplicateAck = 1u << 6;
inline constexpr std::uint32_t kZeroWindow = 1u << 7;
inline constexpr std::uint32_t kZeroWindowProbe = 1u << 8;
inline constexpr std::uint32_t kZeroWindowProbeAck = 1u << 9;
inline constexpr std::uint32_t kWindowUpdate = 1u << 10;
inline constexpr std::uint32_t kWindowFull = 1u << 11;
inline constexpr std::uint32_t kKeepAlive = 1u << 12;
inline constexpr std::uint32_t kKeepAliveAck = 1u << 13;
inline constexpr std::uint32_t kReusedPorts = 1u << 14;
}  // namespace tcp_analysis

struct TcpAnnotation {
  std::int64_t stream = -1;       // tcp.stream; -1 when not tracked
  std::uint32_t rel_seq = 0;      // tcp.seq
  std::uint32_t rel_ack = 0;      // tcp.ack (0 when the ACK flag is clear, as tshark prints it)
  std::uint32_t next_seq = 0;     // tcp.nxtseq (relative)
  std::uint32_t analysis = 0;     // tcp_analysis bits
  std::uint32_t dup_ack_num = 0;  // tcp.analysis.duplicate_ack_num
  std::uint64_t dup_ack_frame = 0;
  std::int64_t time_relative_ns = 0;  // tcp.time_relative
  std::int64_t time_delta_ns = 0;     // tcp.time_delta
  bool has_rel = false;
  bool from_client = false;       // sent by the connection's originator
  friend bool operator==(const TcpAnnotation&, const TcpAnnotation&) = default;
};

struct PacketAnnotations {
  TcpAnnotation tcp;
  std::int64_t udp_stream = -1;
  // ICMP echo pairing: the frame of the reply (on a request) / request (on a reply).
  std::uint64_t icmp_resp_in = 0;
  std::uint64_t icmp_resp_to = 0;
  std::int64_t icmp_resptime_ns = -1;
  bool icmp_no_resp = false;
  // Which tracker last wrote into this record (Trackers::feed() resets only that part, not the
  // whole record, at the next packet); every other field holds its default. Only the trackers
  // write these records, so a default-constructed one (kNone) keeps the promise.
  enum class Written : std::uint8_t { kNone, kTcp, kUdp, kOther };
  Written written = Written::kNone;
  // An ICMP error quoting a datagram: the conversation it answers (tcp.stream / udp.stream).
  std::int64_t icmp_quoted_tcp_stream = -1;
  std::int64_t icmp_quoted_udp_stream = -1;
  // TFTP: the block number counted across 16-bit wraps (tftp.block.full), -1 when none.
  std::int64_t tftp_block_full = -1;
  std::int64_t tftp_transfer = -1;  // index of the transfer (Trackers::tftp())
  // ARP: another MAC claimed this sender IP earlier (arp.duplicate-address-frame), 0 when not.
  std::uint64_t arp_duplicate_frame = 0;
  std::int64_t arp_duplicate_age_s = 0;  // whole seconds, as tshark counts them
  std::uint64_t arp_reply_to = 0;   // on a reply: the request it answers
  friend bool operator==(const PacketAnnotations&, const PacketAnnotations&) = default;
};

}  // namespace wirelab::decode
