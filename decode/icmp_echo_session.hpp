// ICMP echo sessions: the requests and replies of one ping run, i.e. the echo pairs with the
// same requester, responder and identifier, numbered in the order of their first request.
// This is the "conversation" `-z timeline,icmp,N` and the GUI's conversations table number.
#pragma once
#include <cstdint>
#include <vector>

#include "decode/track/flow_key.hpp"

namespace wirelab::decode {

class IcmpTracker;

struct IcmpEchoSession {
  NetAddress requester, responder;
  std::uint16_t ident = 0;
  std::uint64_t requests = 0, replies = 0;
  std::int64_t first_ts_ns = 0, last_ts_ns = 0;
  std::int64_t rtt_sum_ns = 0;  // over the answered requests
};

std::vector<IcmpEchoSession> icmp_echo_sessions(const IcmpTracker& t);

// The key sessions are told apart by, for matching packets to a session while reading.
struct IcmpEchoSessionKey {
  NetAddress requester, responder;
  std::uint16_t ident = 0;
  friend bool operator==(const IcmpEchoSessionKey&, const IcmpEchoSessionKey&) = default;
};

}  // namespace wirelab::decode
