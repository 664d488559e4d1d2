#include "servers/tftp_server.hpp"

#include <functional>

namespace wirelab::servers {

TftpServer::TftpServer(Journal* journal, TftpServerConfig config) : journal_(journal), config_(std::move(config)) {}

TftpServer::~TftpServer() { stop(); }

Result<std::uint16_t> TftpServer::start() {
  if (listen_thread_.joinable()) return Error{"TFTP server already started on port " + std::to_string(port_)};
  auto root = TftpRoot::open(config_.root);
  if (!root) return root.error();
  root_.emplace(std::move(*root));
  auto sock = DatagramSocket::open_udp(journal_, "server");
  if (!sock) return sock.error();
  auto bound = sock->bind(config_.bind_to);
  if (!bound) return bound.error();
  port_ = bound->port;
  listener_.emplace(std::move(*sock));
  listen_thread_ = std::thread([this] { listen_loop(); });
  return port_;
}

void TftpServer::stop() {
  stop_.request();
  if (listen_thread_.joinable()) listen_thread_.join();
  std::list<Worker> workers;
  {
    std::lock_guard lock(mu_);
    workers.swap(workers_);
  }
  for (Worker& w : workers) {
    if (w.thread.joinable()) w.thread.join();
  }
  listener_.reset();
}

std::vector<TftpServerTransfer> TftpServer::transfers() const {
  std::lock_guard lock(mu_);
  return transfers_;
}

bool TftpServer::wait_finished(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return finished_cv_.wait_for(lock, timeout, [&] {
    std::size_t n = 0;
    for (const auto& t : transfers_) n += t.finished ? 1 : 0;
    return n >= count;
  });
}

void TftpServer::update(std::size_t index, const std::function<void(TftpServerTransfer&)>& change) {
  std::lock_guard lock(mu_);
  change(transfers_[index]);
}

void TftpServer::reap_finished_workers() {
  std::list<Worker> done;
  {
    std::lock_guard lock(mu_);
    for (auto it = workers_.begin(); it != workers_.end();) {
      auto cur = it++;
      if (cur->done) done.splice(done.end(), workers_, cur);
    }
  }
  for (Worker& w : done) w.thread.join();
}

void TftpServer::listen_loop() {
  std::vector<std::byte> buf(65536);
  for (;;) {
    const DatagramReceive r = listener_->receive(buf, -1, &stop_);
    if (r.status == DatagramReceive::Status::Stopped) return;
    if (r.status != DatagramReceive::Status::Data) continue;
    reap_finished_workers();
    auto packet = parse_tftp(Bytes(buf.data(), r.size));
    if (!packet || (packet->opcode != TftpOpcode::Rrq && packet->opcode != TftpOpcode::Wrq)) {
      // Only requests belong on this port. Never answer an ERROR (no error ping-pong).
      if (packet && packet->opcode == TftpOpcode::Error) continue;
      const std::string why = packet ? std::string(to_string(packet->opcode)) + " sent to the request port" : packet.error().message;
      listener_->send_to(tftp_error(TftpErrorCode::IllegalOperation, "Illegal TFTP operation: " + why), r.from);
      continue;
    }
    std::lock_guard lock(mu_);
    if (active_ >= config_.max_transfers) {
      listener_->send_to(tftp_error(TftpErrorCode::NotDefined, "Server busy: " + std::to_string(active_) +
                                                                     " transfers running, try again later"),
                         r.from);
      continue;
    }
    const std::size_t index = transfers_.size();
    transfers_.push_back({.request = packet->opcode,
                          .filename = packet->filename,
                          .mode = packet->mode,
                          .client = r.from,
                          .requested = packet->options,
                          .params = config_.defaults});
    ++active_;
    Worker& w = workers_.emplace_back();
    w.thread = std::thread([this, index, &w, p = std::move(*packet), from = r.from]() mutable {
      serve(index, std::move(p), from);
      std::lock_guard done_lock(mu_);
      w.done = true;
      --active_;
    });
  }
}

void TftpServer::serve(std::size_t index, TftpPacket request, SockAddr client) {
  TftpStats stats;
  std::optional<TftpFailure> failure;
  std::uint64_t final_block = 0;
  bool received = false;
  {
    // The new transfer ID: a fresh socket on a fresh port, for this transfer only.
    auto sock = DatagramSocket::open_udp(journal_, "server tid " + std::to_string(index + 1));
    if (!sock) {
      failure = TftpFailure{.message = sock.error().message};
    } else if (auto bound = sock->bind({.ip = config_.bind_to.ip, .port = 0}); !bound) {
      failure = TftpFailure{.message = bound.error().message};
    } else {
      update(index, [&](TftpServerTransfer& t) { t.server_port = bound->port; });
      TftpPeerLink link(*sock, client, &stop_, stats);
      if (request.mode != "octet" && request.mode != "netascii") {
        const std::string why = "Illegal TFTP operation: mode \"" + request.mode + "\" is not supported (octet, netascii)";
        link.send(tftp_error(TftpErrorCode::IllegalOperation, why));
        failure = TftpFailure{.code = TftpErrorCode::IllegalOperation, .message = why};
      } else if (request.opcode == TftpOpcode::Rrq) {
        failure = serve_read(index, request, link);
      } else {
        failure = serve_write(index, request, link);
        received = !failure;
      }
      final_block = stats.blocks;
    }
    update(index, [&](TftpServerTransfer& t) {
      t.stats = stats;
      t.failure = failure;
      t.finished = true;
    });
    finished_cv_.notify_all();
    // Linger a moment for a lost final ACK (the record is final already; stop() cuts it short).
    if (received) {
      TftpPeerLink link(*sock, client, &stop_, stats);
      tftp_dally(link, final_block, config_.defaults.timeout_ms);
    }
  }  // the transfer socket is closed here
}

std::optional<TftpFailure> TftpServer::serve_read(std::size_t index, const TftpPacket& request,
                                                  TftpPeerLink& link) {
  auto fd = root_->open_for_read(request.filename);
  if (!fd) {
    link.send(tftp_error(fd.error().code, fd.error().message));
    return TftpFailure{.code = fd.error().code, .message = fd.error().message};
  }
  TftpFileSource source(*fd, request.mode == "netascii");
  std::optional<std::uint64_t> size;
  if (auto s = source.transfer_size()) size = *s;
  const TftpNegotiation n = negotiate_options(request.options, config_.defaults, config_.limits, size);
  update(index, [&](TftpServerTransfer& t) {
    t.oack = n.oack;
    t.params = n.params;
  });
  const std::vector<std::byte> oack = tftp_oack(n.oack);
  return tftp_send_file(link, source, n.params, n.oack.empty() ? nullptr : &oack);
}

std::optional<TftpFailure> TftpServer::serve_write(std::size_t index, const TftpPacket& request,
                                                   TftpPeerLink& link) {
  if (!config_.allow_write) {
    const std::string why = "Access violation: this server does not accept writes";
    link.send(tftp_error(TftpErrorCode::AccessViolation, why));
    return TftpFailure{.code = TftpErrorCode::AccessViolation, .message = why};
  }
  auto fd = root_->create_for_write(request.filename, config_.allow_overwrite);
  if (!fd) {
    link.send(tftp_error(fd.error().code, fd.error().message));
    return TftpFailure{.code = fd.error().code, .message = fd.error().message};
  }
  std::optional<TftpFailure> failure;
  {
    TftpFileSink sink(*fd, request.mode == "netascii");
    const TftpNegotiation n = negotiate_options(request.options, config_.defaults, config_.limits, std::nullopt);
    update(index, [&](TftpServerTransfer& t) {
      t.oack = n.oack;
      t.params = n.params;
    });
    std::vector<std::byte> first_answer = n.oack.empty() ? tftp_ack(0) : tftp_oack(n.oack);
    link.send(first_answer);
    failure = tftp_receive_file(link, sink, n.params, std::move(first_answer), nullptr);
  }
  if (failure) root_->remove(request.filename);  // no half-written files left behind
  return failure;
}

}  // namespace wirelab::servers
