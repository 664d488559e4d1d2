#include "servers/tcp_server.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace wirelab::servers {

TcpServer::TcpServer(ServerConfig config) : config_(std::move(config)), tracer_(config_.journal, config_.actor) {}

TcpServer::~TcpServer() = default;

std::optional<Error> TcpServer::start() {
  if (started_.exchange(true)) return Error{"server already started"};
  if (!config_.protocol) return Error{"server has no protocol"};
  listen_fd_ = tracer_.socket();
  if (listen_fd_ < 0) return Error{std::string("socket(): ") + std::strerror(errno)};
  if (config_.reuse_addr) tracer_.set_int_option(listen_fd_, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
  if (tracer_.bind(listen_fd_, config_.port, config_.bind_ip) != 0 || tracer_.listen(listen_fd_, config_.backlog) != 0) {
    const std::string why = std::strerror(errno);
    tracer_.close(listen_fd_);
    listen_fd_ = -1;
    return Error{"cannot listen on " + SocketTracer::ip_text(config_.bind_ip) + ":" + std::to_string(config_.port) + ": " + why};
  }
  port_ = SocketTracer::local_port(listen_fd_);
  loop_thread_ = std::thread([this] { run_loop(); });
  return std::nullopt;
}

void TcpServer::stop() {
  if (!started_.load() || stopping_.exchange(true)) {
    if (loop_thread_.joinable()) loop_thread_.join();
    return;
  }
  if (wake_by_listener_shutdown() && listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);  // accept() returns EINVAL
  {
    // Readers still blocked in recv() see EOF. A normal run has no live connection left here
    // (scenarios wait_until_idle() first); if one is, the journal shows it was cut short.
    std::lock_guard lock(mu_);
    for (auto& [id, live] : live_) tracer_.shutdown(live.fd, SHUT_RDWR);
  }
  wake_loop();
  if (loop_thread_.joinable()) loop_thread_.join();
  after_loop();
  if (listen_fd_ >= 0) tracer_.close(listen_fd_);
  listen_fd_ = -1;
}

std::size_t TcpServer::active_connections() const {
  std::lock_guard lock(mu_);
  return live_.size();
}

bool TcpServer::wait_until_idle(std::chrono::milliseconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (active_connections() > 0) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

std::string TcpServer::last_error() const {
  std::lock_guard lock(mu_);
  return error_;
}

void TcpServer::set_error(std::string message) {
  tracer_.note(SocketCall::Note, -1, -1, message);
  std::lock_guard lock(mu_);
  if (error_.empty()) error_ = std::move(message);
}

int TcpServer::register_connection(int fd) {
  std::lock_guard lock(mu_);
  const int id = next_conn_id_++;
  live_.emplace(id, Live{fd, std::make_shared<std::mutex>()});
  return id;
}

void TcpServer::unregister_connection(int conn_id) {
  std::lock_guard lock(mu_);
  live_.erase(conn_id);
}

bool TcpServer::send_all(int conn_id, int fd, std::string_view data) {
  std::shared_ptr<std::mutex> send_mu;
  if (conn_id >= 0) {  // fork children pass -1: they own their only connection
    std::lock_guard lock(mu_);
    if (auto it = live_.find(conn_id); it != live_.end()) send_mu = it->second.send_mu;
  }
  std::unique_lock<std::mutex> hold;
  if (send_mu) hold = std::unique_lock(*send_mu);
  std::size_t off = 0;
  int idle_waits = 0;
  while (off < data.size()) {
    const ssize_t n = tracer_.send(fd, data.data() + off, data.size() - off);
    if (n > 0) {
      off += static_cast<std::size_t>(n);
      idle_waits = 0;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && idle_waits++ < 20) {
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, 100);
      continue;
    }
    return false;
  }
  return true;
}

void TcpServer::send_to_others(int conn_id, std::string_view bytes) {
  std::vector<std::pair<int, int>> targets;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, live] : live_)
      if (id != conn_id) targets.emplace_back(id, live.fd);
  }
  for (const auto& [id, fd] : targets) send_all(id, fd, bytes);
}

int TcpServer::accept_blocking() {
  for (;;) {
    const int fd = tracer_.accept(listen_fd_);
    if (fd >= 0) {
      count_accept();
      return fd;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (!stopping()) set_error(std::string("accept() failed: ") + std::strerror(errno));
    return -1;
  }
}

void TcpServer::serve_blocking(SocketTracer& tracer, int fd, int conn_id) {
  ByteBuffer in, out;
  std::unique_ptr<Session> session = protocol().open(conn_id, *this);
  auto flush = [&] {
    if (out.empty()) return true;
    // Fork children have their own tracer (own journal); send through it directly.
    bool ok = true;
    if (&tracer == &tracer_) {
      ok = send_all(conn_id, fd, out.view());
    } else {
      std::size_t off = 0;
      while (ok && off < out.readable()) {
        const ssize_t n = tracer.send(fd, out.peek() + off, out.readable() - off);
        if (n > 0) off += static_cast<std::size_t>(n);
        else ok = n < 0 && errno == EINTR;
      }
    }
    out.consume(out.readable());
    return ok;
  };
  for (;;) {
    auto room = in.prepare(16384);
    const ssize_t n = tracer.recv(fd, room.data(), room.size());
    if (n > 0) {
      in.commit(static_cast<std::size_t>(n));
      const SessionAction action = session->on_data(in, out);
      if (!flush() || action == SessionAction::Close) break;
      continue;
    }
    if (n == 0) {
      session->on_eof(out);
      flush();
      break;
    }
    if (errno == EINTR) continue;
    break;  // ECONNRESET and friends: the connection is gone
  }
  if (&tracer == &tracer_) unregister_connection(conn_id);  // before the fd number can be reused
  tracer.close(fd);
}

}  // namespace wirelab::servers
