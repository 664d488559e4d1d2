#include "decode/tcp_state.hpp"

namespace wirelab::decode {

std::string_view to_string(TcpState s) {
  switch (s) {
    case TcpState::Unknown: return "unknown";
    case TcpState::Closed: return "CLOSED";
    case TcpState::Listen: return "LISTEN";
    case TcpState::SynSent: return "SYN-SENT";
    case TcpState::SynReceived: return "SYN-RECEIVED";
    case TcpState::Established: return "ESTABLISHED";
    case TcpState::FinWait1: return "FIN-WAIT-1";
    case TcpState::FinWait2: return "FIN-WAIT-2";
    case TcpState::CloseWait: return "CLOSE-WAIT";
    case TcpState::Closing: return "CLOSING";
    case TcpState::LastAck: return "LAST-ACK";
    case TcpState::TimeWait: return "TIME-WAIT";
  }
  return "unknown";
}

std::string_view to_string(HandshakeKind k) {
  switch (k) {
    case HandshakeKind::None: return "none";
    case HandshakeKind::ThreeWay: return "three-way";
    case HandshakeKind::SimultaneousOpen: return "simultaneous-open";
    case HandshakeKind::Refused: return "refused";
    case HandshakeKind::Unanswered: return "unanswered";
    case HandshakeKind::Partial: return "partial";
  }
  return "none";
}

std::string_view to_string(TeardownKind k) {
  switch (k) {
    case TeardownKind::None: return "none";
    case TeardownKind::FourWay: return "four-way";
    case TeardownKind::ThreeWay: return "three-way";
    case TeardownKind::Simultaneous: return "simultaneous";
    case TeardownKind::HalfClose: return "half-close";
    case TeardownKind::ResetByClient: return "reset-by-client";
    case TeardownKind::ResetByServer: return "reset-by-server";
  }
  return "none";
}

}  // namespace wirelab::decode
