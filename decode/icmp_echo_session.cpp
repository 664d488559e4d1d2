#include "decode/icmp_echo_session.hpp"

#include "decode/track/icmp_tracker.hpp"

namespace wirelab::decode {

std::vector<IcmpEchoSession> icmp_echo_sessions(const IcmpTracker& t) {
  std::vector<IcmpEchoSession> out;
  std::vector<IcmpEchoSessionKey> keys;  // parallel to out; few sessions per capture, a scan is enough
  for (const IcmpEchoPair& p : t.echoes()) {
    const IcmpEchoSessionKey k{.requester = p.requester, .responder = p.responder, .ident = p.ident};
    std::size_t i = 0;
    while (i < keys.size() && !(keys[i] == k)) ++i;
    if (i == keys.size()) {
      keys.push_back(k);
      out.push_back(IcmpEchoSession{.requester = p.requester, .responder = p.responder, .ident = p.ident,
                                    .first_ts_ns = p.request_ts_ns, .last_ts_ns = p.request_ts_ns});
    }
    IcmpEchoSession& s = out[i];
    ++s.requests;
    s.last_ts_ns = std::max(s.last_ts_ns, p.request_ts_ns);
    if (p.reply_frame != 0) {
      ++s.replies;
      if (p.rtt_ns > 0) s.rtt_sum_ns += p.rtt_ns;
      s.last_ts_ns = std::max(s.last_ts_ns, p.request_ts_ns + std::max<std::int64_t>(p.rtt_ns, 0));
    }
  }
  return out;
}

}  // namespace wirelab::decode
