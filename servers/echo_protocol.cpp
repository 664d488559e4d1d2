#include "servers/echo_protocol.hpp"

namespace wirelab::servers {
namespace {

class EchoSession final : public Session {
 public:
  SessionAction on_data(ByteBuffer& in, ByteBuffer& out) override {
    out.append(in.view());
    in.consume(in.readable());
    return SessionAction::Continue;
  }
};

}  // namespace

std::unique_ptr<Session> EchoProtocol::open(int, SessionHost&) { return std::make_unique<EchoSession>(); }

}  // namespace wirelab::servers
