// Chat: line-based. "JOIN\n" is answered "WELCOME\n" (so a client knows the server has
// registered it); any other line is relayed to every other connection as "[N] line\n".
#pragma once
#include "servers/session.hpp"

namespace wirelab::servers {

class ChatProtocol final : public Protocol {
 public:
  std::unique_ptr<Session> open(int conn_id, SessionHost& host) override;
  bool shares_state_between_connections() const override { return true; }
};

}  // namespace wirelab::servers
