#include "servers/loop_connection.hpp"

#include <cerrno>

namespace wirelab::servers {

bool LoopConnection::read(SocketTracer& tracer, bool drain, bool short_read_drains) {
  bool progress = false;
  while (!closing_ && !failed_) {
    auto room = in_.prepare(16384);
    const ssize_t n = tracer.recv(fd_, room.data(), room.size());
    if (n > 0) {
      progress = true;
      in_.commit(static_cast<std::size_t>(n));
      if (session_->on_data(in_, out_) == SessionAction::Close) closing_ = true;
      // A stream socket that returned less than asked for had no more bytes queued; a FIN may
      // still be (recv() stops before it), so this shortcut is for wake-ups that did not report
      // the peer's FIN (the caller knows). Anything arriving later is a new edge for epoll-et,
      // so the recv() that would only say EAGAIN is skipped: one system call per message.
      if (!drain || (short_read_drains && static_cast<std::size_t>(n) < room.size())) break;
      continue;
    }
    if (n == 0) {
      progress = true;
      closing_ = true;
      session_->on_eof(out_);
      break;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      progress = true;
      failed_ = true;
    }
    break;
  }
  if (!failed_ && !out_.empty() && !flush(tracer)) failed_ = true;
  return progress;
}

bool LoopConnection::flush(SocketTracer& tracer) {
  while (!out_.empty()) {
    const ssize_t n = tracer.send(fd_, out_.peek(), out_.readable());
    if (n > 0) {
      out_.consume(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;  // the loop waits for writability
    failed_ = true;
    return false;
  }
  return true;
}

}  // namespace wirelab::servers
