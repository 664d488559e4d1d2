// The protocol side of a server, shared by all nine concurrency models: a model moves bytes
// between sockets and buffers; a Session decides what the bytes mean and what to answer.
// Sessions never touch sockets, so one protocol runs unchanged in every model.
#pragma once
#include <memory>
#include <string_view>

#include "servers/byte_buffer.hpp"

namespace wirelab::servers {

enum class SessionAction { Continue, Close };  // Close: flush `out`, then the server closes first

// What a session may ask of the server beyond its own connection (chat relays messages).
class SessionHost {
 public:
  virtual ~SessionHost() = default;
  virtual void send_to_others(int conn_id, std::string_view bytes) = 0;
};

class Session {
 public:
  virtual ~Session() = default;
  // New bytes are in `in` (consume what you use; keep partial messages); append replies to `out`.
  virtual SessionAction on_data(ByteBuffer& in, ByteBuffer& out) = 0;
  // The peer shut down its sending side (recv returned 0). Anything appended to `out` is still
  // sent (a half-closed connection can carry data the other way), then the server closes.
  virtual void on_eof(ByteBuffer& /*out*/) {}
};

// Makes one Session per accepted connection.
class Protocol {
 public:
  virtual ~Protocol() = default;
  virtual std::unique_ptr<Session> open(int conn_id, SessionHost& host) = 0;
  // True when sessions talk to each other (chat): such a protocol cannot run one process per
  // connection (fork).
  virtual bool shares_state_between_connections() const { return false; }
};

}  // namespace wirelab::servers
