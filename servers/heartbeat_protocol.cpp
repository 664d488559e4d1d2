#include "servers/heartbeat_protocol.hpp"

#include <string>

namespace wirelab::servers {
namespace {

class HeartbeatSession final : public Session {
 public:
  explicit HeartbeatSession(int answered) : left_(answered) {}
  SessionAction on_data(ByteBuffer& in, ByteBuffer& out) override {
    for (std::size_t nl = in.find("\n"); nl != std::string_view::npos; nl = in.find("\n")) {
      const std::string line = in.take(nl + 1);
      if (line.rfind("PING ", 0) == 0 && left_ > 0) {
        --left_;
        out.append("PONG " + line.substr(5));
      }
    }
    return SessionAction::Continue;
  }

 private:
  int left_;
};

}  // namespace

std::unique_ptr<Session> HeartbeatProtocol::open(int, SessionHost&) {
  return std::make_unique<HeartbeatSession>(answered_);
}

}  // namespace wirelab::servers
