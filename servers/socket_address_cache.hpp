// Both addresses of connected sockets, by fd, for the journal. A journaled send/recv needs the
// connection's local and peer address; asking the kernel (getsockname + getpeername) costs two
// system calls per event, more than the send itself. A connected TCP socket's addresses never
// change, so they are looked up once and kept until the fd number can mean another socket.
//
// One table for the whole process (fd numbers are per process): every SocketTracer forgets an
// fd when it creates, binds, connects or closes it, whichever tracer used it before.
// Thread-safe (the thread model's connections share one tracer).
#pragma once
#include <mutex>
#include <vector>

#include "decode/socket_event.hpp"

namespace wirelab::servers {

class SocketAddressCache {
 public:
  static SocketAddressCache& instance();

  // The fd's addresses: from the table, or asked from the kernel (and kept only when both ends
  // are known, i.e. the socket is connected). Unknown parts stay zero.
  void lookup(int fd, decode::SockAddr& local, decode::SockAddr& peer);
  // The fd number is about to mean something else (new socket, bind, connect, close).
  void forget(int fd);

 private:
  struct Entry {
    bool known = false;
    decode::SockAddr local, peer;
  };
  std::mutex mu_;
  std::vector<Entry> by_fd_;
};

}  // namespace wirelab::servers
