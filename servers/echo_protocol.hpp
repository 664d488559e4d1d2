// Echo: every byte received is sent back, as it arrived (no framing).
#pragma once
#include "servers/session.hpp"

namespace wirelab::servers {

class EchoProtocol final : public Protocol {
 public:
  std::unique_ptr<Session> open(int conn_id, SessionHost& host) override;
};

}  // namespace wirelab::servers
