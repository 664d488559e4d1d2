// The socket calls of one actor ("server", "client 2"), each made for real and recorded in the
// journal with its result, errno, fd and both addresses. With a null journal the calls are
// plain syscalls (benchmarks). All IPv4; addresses default to 127.0.0.1.
//
// Calls that fail with EAGAIN are not journaled one by one (a non-blocking loop makes millions);
// they are counted (eagain_count()) so a model can journal a summary.
#pragma once
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "servers/journal.hpp"

namespace wirelab::servers {

inline constexpr std::uint32_t kLoopback = INADDR_LOOPBACK;  // 127.0.0.1, host order

class SocketTracer {
 public:
  SocketTracer(Journal* journal, std::string actor) : journal_(journal), actor_(std::move(actor)) {}

  const std::string& actor() const { return actor_; }
  Journal* journal() const { return journal_; }

  int socket(int type = SOCK_STREAM, int protocol = 0);  // AF_INET, close-on-exec (SOCK_RAW: give protocol)
  int bind(int fd, std::uint16_t port = 0, std::uint32_t ip = kLoopback);
  int listen(int fd, int backlog);
  int accept(int listen_fd, int flags = SOCK_CLOEXEC);
  // Journals "connect" when called and "connect-return" when it returns (the gap is the handshake).
  int connect(int fd, std::uint16_t port, std::uint32_t ip = kLoopback);
  ssize_t send(int fd, const void* data, std::size_t len, int flags = 0);  // MSG_NOSIGNAL always added
  ssize_t recv(int fd, void* data, std::size_t len, int flags = 0);
  int shutdown(int fd, int how);
  int close(int fd);
  int set_int_option(int fd, int level, int option, int value, std::string_view name);
  int set_linger(int fd, bool on, int seconds);
  // A concurrency model's own moment (fork, thread start, wakeup with ready fds, ...).
  void note(SocketCall call, int fd, std::int64_t result, std::string detail);

  std::uint64_t eagain_count() const { return eagain_.load(std::memory_order_relaxed); }

  static std::uint16_t local_port(int fd);
  static std::string ip_text(std::uint32_t ip);  // host order -> "127.0.0.1"

 private:
  // Records `call` on fd with `result`; errno must still hold the call's error.
  // called_at: when the call was made (0: now). Calls that put a segment on the wire while they
  // run (send, shutdown, close) are stamped before the call, so the event precedes its packet;
  // calls that wait for something (recv, accept) are stamped when they return.
  void record(SocketCall call, int fd, std::int64_t result, std::uint32_t bytes = 0, std::string detail = {},
              std::int64_t called_at = 0);

  Journal* journal_;
  std::string actor_;
  std::atomic<std::uint64_t> eagain_{0};
};

}  // namespace wirelab::servers
