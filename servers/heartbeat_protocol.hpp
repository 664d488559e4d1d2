// Heartbeat: "PING n\n" is answered "PONG n\n", but only the first `answered` pings of each
// connection: after that the server stays connected and silent, like a peer that hangs
// without closing. TCP alone does not notice; the client's heartbeat timeout does.
#pragma once
#include "servers/session.hpp"

namespace wirelab::servers {

class HeartbeatProtocol final : public Protocol {
 public:
  explicit HeartbeatProtocol(int answered) : answered_(answered) {}
  std::unique_ptr<Session> open(int conn_id, SessionHost& host) override;

 private:
  int answered_;
};

}  // namespace wirelab::servers
