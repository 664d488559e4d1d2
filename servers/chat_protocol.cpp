#include "servers/chat_protocol.hpp"

#include <string>

namespace wirelab::servers {
namespace {

class ChatSession final : public Session {
 public:
  ChatSession(int id, SessionHost& host) : id_(id), host_(&host) {}
  SessionAction on_data(ByteBuffer& in, ByteBuffer& out) override {
    for (std::size_t nl = in.find("\n"); nl != std::string_view::npos; nl = in.find("\n")) {
      const std::string line = in.take(nl + 1);
      if (line == "JOIN\n") out.append("WELCOME\n");
      else host_->send_to_others(id_, "[" + std::to_string(id_) + "] " + line);
    }
    return SessionAction::Continue;
  }

 private:
  int id_;
  SessionHost* host_;
};

}  // namespace

std::unique_ptr<Session> ChatProtocol::open(int conn_id, SessionHost& host) {
  return std::make_unique<ChatSession>(conn_id, host);
}

}  // namespace wirelab::servers
