// The words wirelab uses for the life of a TCP connection: RFC 9293's endpoint states (as an
// observer infers them), how the handshake went and how the connection ended.
#pragma once
#include <cstdint>
#include <string_view>

namespace wirelab::decode {

// RFC 9293 §3.3.2 states, plus Unknown for an endpoint whose state the capture cannot tell
// (a connection seen from the middle, or a peer that never answered).
enum class TcpState : std::uint8_t {
  Unknown,
  Closed,
  Listen,
  SynSent,
  SynReceived,
  Established,
  FinWait1,
  FinWait2,
  CloseWait,
  Closing,
  LastAck,
  TimeWait,
};
// "SYN-SENT", "TIME-WAIT", ... (RFC 9293 spelling); "unknown" for Unknown.
std::string_view to_string(TcpState s);

enum class HandshakeKind : std::uint8_t {
  None,              // no SYN in the capture: the connection was already open (midstream)
  ThreeWay,          // SYN, SYN-ACK, ACK
  SimultaneousOpen,  // both sides sent a bare SYN
  Refused,           // the SYN was answered with RST
  Unanswered,        // SYN(s) and nothing back
  Partial,           // a SYN was seen but the handshake did not complete in the capture
};
std::string_view to_string(HandshakeKind k);  // "three-way", "simultaneous-open", ...

enum class TeardownKind : std::uint8_t {
  None,            // still open at the end of the capture
  FourWay,         // FIN, ACK, FIN, ACK
  ThreeWay,        // FIN, FIN+ACK, ACK (the second FIN rides on the ACK of the first)
  Simultaneous,    // both FINs crossed
  HalfClose,       // one side closed, the other kept sending (or never closed)
  ResetByClient,   // the originator sent RST
  ResetByServer,   // the responder sent RST
};
std::string_view to_string(TeardownKind k);  // "four-way", "reset-by-client", ...

// Linux keeps TIME-WAIT for a fixed 60 s (TCP_TIMEWAIT_LEN), i.e. 2 x MSL with MSL = 30 s.
inline constexpr std::int64_t kLinuxMslNs = 30'000'000'000;

}  // namespace wirelab::decode
