// A TCP server in one concurrency model. Every model implements this one interface
// (start/stop/port) and runs the same Protocol; make_tcp_server() picks the class by name.
// Servers bind 127.0.0.1:0 unless told a port; callers read port() after start().
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "decode/result.hpp"
#include "servers/journal.hpp"
#include "servers/session.hpp"
#include "servers/socket_tracer.hpp"

namespace wirelab::servers {

struct ServerConfig {
  std::shared_ptr<Protocol> protocol;
  Journal* journal = nullptr;  // null: no journal (benchmarks)
  std::string actor = "server";
  std::uint16_t port = 0;
  std::uint32_t bind_ip = kLoopback;  // host order; a lab run binds a lab host's address
  int backlog = 128;
  bool reuse_addr = false;
};

class TcpServer : public SessionHost {
 public:
  explicit TcpServer(ServerConfig config);
  ~TcpServer() override;  // derived destructors call stop()
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  virtual std::string_view model() const = 0;
  // socket, bind, listen, then the model's loop on its own thread.
  std::optional<Error> start();
  // Idempotent: wakes the loop, joins every thread, reaps every child, closes every fd.
  void stop();
  std::uint16_t port() const { return port_; }
  // A problem the model hit while serving (e.g. select refusing an fd >= FD_SETSIZE); "" if none.
  std::string last_error() const;
  std::uint64_t connections_accepted() const { return accepted_.load(); }
  // Connections still being served (fork: children still running).
  virtual std::size_t active_connections() const;
  // Waits (bounded) until the model has closed every connection by itself, so that stop()
  // does not have to cut any short. False on timeout.
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

  void send_to_others(int conn_id, std::string_view bytes) override;

 protected:
  virtual void run_loop() = 0;      // the model's main loop; returns once stopping() is true
  virtual void wake_loop() {}       // interrupt a loop blocked in select/poll/epoll_wait
  virtual void after_loop() {}      // model cleanup after the loop returned (join, reap)
  // A model that blocks in accept() is woken by shutting the listener down.
  virtual bool wake_by_listener_shutdown() const { return false; }

  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  int listen_fd() const { return listen_fd_; }
  SocketTracer& tracer() { return tracer_; }
  const ServerConfig& config() const { return config_; }
  Protocol& protocol() { return *config_.protocol; }
  void set_error(std::string message);

  // Live connections, so sessions can relay (chat) and stop() can interrupt blocked readers.
  int register_connection(int fd);  // returns the connection id
  void unregister_connection(int conn_id);
  void count_accept() { accepted_.fetch_add(1); }
  // Sends all of `data` on fd, waiting for POLLOUT when the socket is non-blocking (bounded:
  // gives up after ~2 s without progress). Serialised with relays to the same connection.
  bool send_all(int conn_id, int fd, std::string_view data);

  // accept() on the blocking listener, retrying EINTR/ECONNABORTED; -1 once stop() shut the
  // listener down (or on a real error, which is reported).
  int accept_blocking();

  // The blocking loop of one connection, used by the iterative, thread and fork models:
  // recv -> session -> send, until EOF, error, the session's Close, or stop().
  void serve_blocking(SocketTracer& tracer, int fd, int conn_id);

 private:
  struct Live {
    int fd;
    std::shared_ptr<std::mutex> send_mu;
  };
  ServerConfig config_;
  SocketTracer tracer_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread loop_thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> started_{false};
  std::atomic<std::uint64_t> accepted_{0};
  mutable std::mutex mu_;
  std::unordered_map<int, Live> live_;
  int next_conn_id_ = 1;
  std::string error_;
};

// One of: iterative fork thread nonblocking select poll epoll-lt epoll-et coroutine.
// nullptr for an unknown name.
std::unique_ptr<TcpServer> make_tcp_server(std::string_view model, ServerConfig config);

}  // namespace wirelab::servers
