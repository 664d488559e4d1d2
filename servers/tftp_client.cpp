#include "servers/tftp_client.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace wirelab::servers {
namespace {

constexpr std::size_t kMaxDatagram = 65536;

struct FirstAnswer {
  std::vector<std::byte> bytes;
  TftpPacket packet;  // views into `bytes`
  SockAddr from;
};

// Sends the request to the server's request port and waits for the first answer from the
// server's address (from any port: that port becomes the server's TID). Repeats the request
// on timeout.
Result<FirstAnswer, TftpFailure> send_request(DatagramSocket& socket, SockAddr server, const std::vector<std::byte>& request,
                                              const TftpParams& params, const StopSignal* stop, TftpStats& stats) {
  FirstAnswer a;
  a.bytes.resize(kMaxDatagram);
  for (int attempt = 0; attempt <= params.max_retries; ++attempt) {
    if (attempt > 0) ++stats.retransmissions;
    if (socket.send_to(request, server) < 0)
      return TftpFailure{.message = "sendto " + to_string(server) + " failed: " + std::strerror(errno)};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(params.timeout_ms);
    for (;;) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) break;
      const DatagramReceive r = socket.receive(a.bytes, static_cast<int>(left), stop);
      if (r.status == DatagramReceive::Status::Stopped) return TftpFailure{.message = "stopped before the server answered"};
      if (r.status != DatagramReceive::Status::Data) break;
      if (r.from.ip != server.ip) continue;  // not even the server's host
      a.bytes.resize(r.size);
      auto p = parse_tftp(a.bytes);
      if (!p) {
        socket.send_to(tftp_error(TftpErrorCode::IllegalOperation, "Illegal TFTP operation: " + p.error().message), r.from);
        return TftpFailure{.code = TftpErrorCode::IllegalOperation, .message = "bad answer: " + p.error().message};
      }
      a.packet = std::move(*p);
      a.from = r.from;
      return a;
    }
  }
  return TftpFailure{.message = "no answer from " + to_string(server) + " after " + std::to_string(params.max_retries + 1) +
                                " requests " + std::to_string(params.timeout_ms) + " ms apart: is a TFTP server there?"};
}

TftpFailure peer_error(const TftpPacket& p) {
  return {.code = p.error, .message = "server sent ERROR " + std::to_string(static_cast<unsigned>(p.error)) + " (" +
                                      to_string(p.error) + "): " + p.message,
          .from_peer = true};
}

// Checks an OACK; on refusal answers ERROR 8 to the server's TID.
std::optional<TftpFailure> take_oack(DatagramSocket& socket, const FirstAnswer& a, const TftpClientConfig& config,
                                     TftpClientResult& result) {
  auto accepted = accept_oack(a.packet.options, config.options, config.defaults, result.tsize);
  if (!accepted) {
    socket.send_to(tftp_error(accepted.error().code, accepted.error().message), a.from);
    return TftpFailure{.code = accepted.error().code, .message = accepted.error().message};
  }
  result.params = *accepted;
  result.oack = a.packet.options;
  return std::nullopt;
}

}  // namespace

Result<std::uint16_t> TftpClient::open() {
  auto sock = DatagramSocket::open_udp(journal_, config_.actor);
  if (!sock) return sock.error();
  auto bound = sock->bind({.ip = kLoopback, .port = 0});
  if (!bound) return bound.error();
  next_socket_.emplace(std::move(*sock));
  return bound->port;
}

Result<DatagramSocket> TftpClient::take_socket() {
  if (!next_socket_) {
    if (auto opened = open(); !opened) return opened.error();
  }
  DatagramSocket s = std::move(*next_socket_);
  next_socket_.reset();
  return s;
}

TftpClientResult TftpClient::get(SockAddr server, std::string_view remote, const std::string& local_path,
                                 const StopSignal* stop) {
  TftpClientResult result;
  result.params = config_.defaults;
  auto sock = take_socket();
  if (!sock) return {.failure = TftpFailure{.message = sock.error().message}};
  result.client_tid = sock->local();

  const int fd = ::open(local_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    result.failure = TftpFailure{.message = "cannot create \"" + local_path + "\": " + std::strerror(errno)};
    return result;
  }
  {
    TftpFileSink sink(fd, config_.mode == "netascii");
    result.failure = [&]() -> std::optional<TftpFailure> {
      const auto request = tftp_request(TftpOpcode::Rrq, remote, config_.mode, to_options(config_.options, 0));
      auto answer = send_request(*sock, server, request, config_.defaults, stop, result.stats);
      if (!answer) return answer.error();
      result.server_tid = answer->from;
      TftpPeerLink link(*sock, answer->from, stop, result.stats);
      switch (answer->packet.opcode) {
        case TftpOpcode::Error: return peer_error(answer->packet);
        case TftpOpcode::Oack: {
          if (auto refused = take_oack(*sock, *answer, config_, result)) return refused;
          std::vector<std::byte> ack0 = tftp_ack(0);
          link.send(ack0);
          auto failure = tftp_receive_file(link, sink, result.params, std::move(ack0), nullptr, config_.loss);
          if (!failure) tftp_dally(link, result.stats.blocks, config_.dally_ms);
          return failure;
        }
        case TftpOpcode::Data: {  // the server ignored our options (or we sent none)
          auto failure = tftp_receive_file(link, sink, result.params, tftp_ack(0), &answer->bytes, config_.loss);
          if (!failure) tftp_dally(link, result.stats.blocks, config_.dally_ms);
          return failure;
        }
        default:
          link.send(tftp_error(TftpErrorCode::IllegalOperation, "Illegal TFTP operation: expected DATA or OACK"));
          return TftpFailure{.code = TftpErrorCode::IllegalOperation,
                             .message = std::string("server answered RRQ with ") + std::string(to_string(answer->packet.opcode))};
      }
    }();
  }
  if (result.failure) ::unlink(local_path.c_str());
  return result;
}

TftpClientResult TftpClient::put(SockAddr server, const std::string& local_path, std::string_view remote,
                                 const StopSignal* stop) {
  TftpClientResult result;
  result.params = config_.defaults;
  const int fd = ::open(local_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {.failure = TftpFailure{.message = "cannot open \"" + local_path + "\": " + std::strerror(errno)}};
  TftpFileSource source(fd, config_.mode == "netascii");
  auto sock = take_socket();
  if (!sock) return {.failure = TftpFailure{.message = sock.error().message}};
  result.client_tid = sock->local();

  std::uint64_t size = 0;
  if (auto s = source.transfer_size()) size = *s;
  const auto request = tftp_request(TftpOpcode::Wrq, remote, config_.mode, to_options(config_.options, size));
  auto answer = send_request(*sock, server, request, config_.defaults, stop, result.stats);
  if (!answer) {
    result.failure = answer.error();
    return result;
  }
  result.server_tid = answer->from;
  TftpPeerLink link(*sock, answer->from, stop, result.stats);
  const TftpPacket& p = answer->packet;
  if (p.opcode == TftpOpcode::Error) {
    result.failure = peer_error(p);
  } else if (p.opcode == TftpOpcode::Oack) {
    result.failure = take_oack(*sock, *answer, config_, result);
    if (!result.failure) result.failure = tftp_send_file(link, source, result.params, nullptr, config_.loss);
  } else if (p.opcode == TftpOpcode::Ack && p.block == 0) {
    result.failure = tftp_send_file(link, source, result.params, nullptr, config_.loss);
  } else {
    link.send(tftp_error(TftpErrorCode::IllegalOperation, "Illegal TFTP operation: expected ACK 0 or OACK"));
    result.failure = TftpFailure{.code = TftpErrorCode::IllegalOperation,
                                 .message = "server answered WRQ with " + std::string(to_string(p.opcode))};
  }
  return result;
}

}  // namespace wirelab::servers
