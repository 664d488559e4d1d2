// Model "fork": a process per connection. The parent accepts, forks, and closes its copy of
// the connection (no FIN yet: the child still holds the socket); the child closes its copy of
// the listener and serves the one connection with the blocking loop, then exits.
//
// The child's journal events travel to the parent through a pipe (Journal::ForkChannel),
// already stamped with CLOCK_REALTIME, so they merge with everything else. The parent reaps
// every child (waitpid) and, at stop(), kills the ones that are still running.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/close_range.h>
#include <sys/syscall.h>

#include <cerrno>
#include <cstring>
#include <chrono>
#include <set>
#include <thread>

#include "servers/server_models.hpp"
#include "servers/wake_fd.hpp"

namespace wirelab::servers {
namespace {

// The child keeps only stdio, its connection and the pipe to the parent. Every other fd it
// inherited (the listener, other connections, even client sockets of this same process) is
// closed: a duplicate left open would delay those sockets' FIN until this child exits.
void close_all_except(int a, int b) {
  const unsigned lo = static_cast<unsigned>(a < b ? a : b), hi = static_cast<unsigned>(a < b ? b : a);
  ::syscall(SYS_close_range, 3u, lo - 1, 0u);
  if (hi > lo + 1) ::syscall(SYS_close_range, lo + 1, hi - 1, 0u);
  ::syscall(SYS_close_range, hi + 1, ~0u, 0u);
}

class TcpServerFork final : public TcpServer {
 public:
  using TcpServer::TcpServer;
  ~TcpServerFork() override { stop(); }
  std::string_view model() const override { return "fork"; }
  std::size_t active_connections() const override { return running_children_.load(); }

 protected:
  void wake_loop() override { wake_.notify(); }

  void run_loop() override {
    if (!Journal::open_fork_channel(channel_)) {
      set_error("fork model: cannot open the journal pipe");
      return;
    }
    ::fcntl(channel_.read_fd, F_SETFL, ::fcntl(channel_.read_fd, F_GETFL) | O_NONBLOCK);  // drained by polling
    pollfd fds[3] = {{listen_fd(), POLLIN, 0}, {channel_.read_fd, POLLIN, 0}, {wake_.fd(), POLLIN, 0}};
    while (!stopping()) {
      ::poll(fds, 3, 50);
      drain_children_events();
      reap(false);
      if (!(fds[0].revents & POLLIN) || stopping()) continue;
      const int fd = tracer().accept(listen_fd());
      if (fd < 0) continue;
      count_accept();
      spawn(fd);
    }
  }

  void after_loop() override {
    // Give running children a moment to finish their connection, then end them.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!children_.empty() && std::chrono::steady_clock::now() < until) {
      drain_children_events();
      reap(false);
      if (!children_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    for (pid_t pid : children_) ::kill(pid, SIGKILL);
    reap(true);
    if (channel_.write_fd >= 0) ::close(channel_.write_fd);
    channel_.write_fd = -1;
    drain_children_events();
    if (channel_.read_fd >= 0) ::close(channel_.read_fd);
    channel_.read_fd = -1;
  }

 private:
  void spawn(int fd) {
    const std::int64_t fork_ts = realtime_ns();
    const pid_t pid = ::fork();
    if (pid == 0) child_main(fd);  // never returns
    if (pid < 0) {
      set_error(std::string("fork() failed: ") + std::strerror(errno));
      tracer().close(fd);
      return;
    }
    children_.insert(pid);
    running_children_ = children_.size();
    SocketEvent fork_event;
    fork_event.ts_ns = fork_ts;  // when fork() was called: before anything the child journals
    fork_event.call = SocketCall::Fork;
    fork_event.fd = fd;
    fork_event.result = pid;
    fork_event.actor = config().actor;
    fork_event.detail = "child pid " + std::to_string(pid) + " serves fd " + std::to_string(fd);
    if (config().journal) config().journal->record(std::move(fork_event));
    // The parent's copy goes; the connection stays open in the child (no FIN is sent now).
    tracer().close(fd);
  }

  [[noreturn]] void child_main(int fd) {
    // Only this thread exists in the child. It must not touch the parent's journal (its mutex
    // may have been held by another thread at fork time): a fresh journal writes to the pipe.
    close_all_except(fd, channel_.write_fd);
    Journal child_journal;
    child_journal.redirect_to(channel_.write_fd);
    SocketTracer child(config().journal ? &child_journal : nullptr, config().actor);
    child.note(SocketCall::Note, fd, 0, "child process starts serving fd " + std::to_string(fd));
    serve_blocking(child, fd, -1);
    child.note(SocketCall::Note, -1, 0, "child process exits");
    ::_exit(0);
  }

  void drain_children_events() {
    if (channel_.read_fd < 0) return;
    if (Journal* j = config().journal) j->drain(channel_.read_fd);
    else {
      char sink[4096];
      while (::read(channel_.read_fd, sink, sizeof sink) > 0) {
      }
    }
  }

  void reap(bool block) {
    for (auto it = children_.begin(); it != children_.end();) {
      int status = 0;
      const pid_t r = ::waitpid(*it, &status, block ? 0 : WNOHANG);
      if (r == *it || (r < 0 && errno == ECHILD)) {
        tracer().note(SocketCall::Note, -1, *it,
                      "reaped child pid " + std::to_string(*it) +
                          (WIFSIGNALED(status) ? " (killed by signal " + std::to_string(WTERMSIG(status)) + ")" : ""));
        it = children_.erase(it);
        running_children_ = children_.size();
      } else {
        ++it;
      }
    }
  }

  Journal::ForkChannel channel_;
  WakeFd wake_;
  std::set<pid_t> children_;
  std::atomic<std::size_t> running_children_{0};
};

}  // namespace

std::unique_ptr<TcpServer> make_fork_server(ServerConfig config) {
  return std::make_unique<TcpServerFork>(std::move(config));
}

}  // namespace wirelab::servers
