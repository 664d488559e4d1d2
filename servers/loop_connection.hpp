// One connection of an event-loop model (nonblocking, select, poll, epoll-lt, epoll-et):
// its non-blocking socket, the session, and the input/output buffers. The loop decides WHEN
// to read and write (that is the model); this class does the reading and writing the same way
// for all of them, with n > 0 / n == 0 / n < 0 (EINTR, EAGAIN) handled explicitly.
#pragma once
#include <memory>

#include "servers/byte_buffer.hpp"
#include "servers/session.hpp"
#include "servers/socket_tracer.hpp"

namespace wirelab::servers {

class TcpServer;

class LoopConnection {
 public:
  LoopConnection(int fd, int conn_id, std::unique_ptr<Session> session)
      : fd_(fd), id_(conn_id), session_(std::move(session)) {}

  int fd() const { return fd_; }
  int id() const { return id_; }

  // One recv() (drain = false: level-triggered models) or recv() until EAGAIN (drain = true:
  // edge-triggered); with short_read_drains, until a recv() returns less than it asked for
  // (only when the wake-up did not report the peer's FIN, which a short read can leave
  // behind). Feeds the session. Returns true if any byte or EOF arrived.
  bool read(SocketTracer& tracer, bool drain, bool short_read_drains = false);
  // send() until the output is empty or the socket would block. Returns false on a send error.
  bool flush(SocketTracer& tracer);

  bool wants_write() const { return !out_.empty(); }
  bool wants_read() const { return !closing_; }
  // Done: the peer closed or the session asked to close, or an error; and nothing left to send.
  bool finished() const { return failed_ || (closing_ && out_.empty()); }

 private:
  int fd_;
  int id_;
  std::unique_ptr<Session> session_;
  ByteBuffer in_;
  ByteBuffer out_;
  bool closing_ = false;  // no more reading: EOF seen or the session said Close
  bool failed_ = false;   // reset or other error: close now, drop pending output
};

}  // namespace wirelab::servers
