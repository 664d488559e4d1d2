#include "servers/tftp_transfer.hpp"

#include <deque>

namespace wirelab::servers {
namespace {

using Clock = std::chrono::steady_clock;

std::uint16_t wire(std::uint64_t block) { return static_cast<std::uint16_t>(block & 0xffff); }

Clock::time_point after(int ms) { return Clock::now() + std::chrono::milliseconds(ms); }

constexpr std::size_t kMaxDatagram = 65536;

// Gives up: tells the peer (ERROR packets are not acknowledged or retransmitted) and says why.
TftpFailure give_up(TftpPeerLink& link, TftpErrorCode code, std::string message) {
  link.send(tftp_error(code, message));
  return {.code = code, .message = std::move(message), .from_peer = false};
}

TftpFailure from_peer(const TftpPacket& p) {
  return {.code = p.error, .message = "peer sent ERROR " + std::to_string(static_cast<unsigned>(p.error)) + " (" +
                                      to_string(p.error) + "): " + p.message,
          .from_peer = true};
}

std::string timed_out(int retries, int timeout_ms) {
  return "Transfer timed out: no answer after " + std::to_string(retries) + " retransmissions " + std::to_string(timeout_ms) +
         " ms apart";
}

}  // namespace

TftpPeerLink::Wait TftpPeerLink::wait(std::vector<std::byte>& buf, std::size_t& size, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return Wait::Timeout;
    const DatagramReceive r = socket_.receive(buf, static_cast<int>(left), stop_);
    switch (r.status) {
      case DatagramReceive::Status::Timeout: continue;  // the loop head decides
      case DatagramReceive::Status::Stopped: return Wait::Stopped;
      case DatagramReceive::Status::Error: return Wait::Failed;
      case DatagramReceive::Status::Data: break;
    }
    if (same_endpoint(r.from, peer_)) {
      size = r.size;
      return Wait::Packet;
    }
    // A stranger (wrong TID). Answer with ERROR 5 unless it is itself an ERROR, so that two
    // confused endpoints can never bounce errors at each other.
    ++stats_.wrong_tid;
    const bool is_error = r.size >= 2 && load_be16(Bytes(buf.data(), r.size), 0) == static_cast<std::uint16_t>(TftpOpcode::Error);
    if (!is_error) {
      socket_.send_to(tftp_error(TftpErrorCode::UnknownTransferId,
                                 "Unknown transfer ID: this port serves " + to_string(peer_) + " only"),
                      r.from);
    }
  }
}

std::optional<TftpFailure> tftp_send_file(TftpPeerLink& link, TftpFileSource& source, const TftpParams& params,
                                          const std::vector<std::byte>* oack, const TftpLossSimulation& loss) {
  TftpStats& stats = link.stats();
  std::deque<std::vector<std::byte>> window;  // packets of blocks [base, next), not yet acknowledged
  std::uint64_t base = 1;
  std::uint64_t next = 1;
  std::optional<std::uint64_t> last_block;  // known once a short block was read
  bool skipped = false;
  auto transmit = [&](std::uint64_t block, const std::vector<std::byte>& packet) {
    if (!skipped && block != 0 && block == loss.skip_data_block) {
      skipped = true;
      ++stats.skipped_by_simulation;
      return;
    }
    link.send(packet);
  };
  if (oack != nullptr) {  // the OACK is "block 0": acknowledged by ACK 0 before any DATA
    base = 0;
    window.push_back(*oack);
    link.send(*oack);
  }
  auto deadline = after(params.timeout_ms);
  int retries = 0;
  std::vector<std::byte> buf(kMaxDatagram);
  for (;;) {
    while (base >= 1 && next < base + params.windowsize && !(last_block && next > *last_block)) {
      auto payload = source.next_block(params.blksize);
      if (!payload) return give_up(link, TftpErrorCode::NotDefined, payload.error().message);
      if (payload->size() < params.blksize) last_block = next;
      window.push_back(tftp_data(wire(next), *payload));
      transmit(next, window.back());
      ++next;
      deadline = after(params.timeout_ms);
    }
    std::size_t size = 0;
    switch (link.wait(buf, size, deadline)) {
      case TftpPeerLink::Wait::Timeout:
        if (++retries > params.max_retries)
          return give_up(link, TftpErrorCode::NotDefined, timed_out(params.max_retries, params.timeout_ms));
        for (std::size_t i = 0; i < window.size(); ++i) {
          transmit(base + i, window[i]);
          ++stats.retransmissions;
        }
        deadline = after(params.timeout_ms);
        continue;
      case TftpPeerLink::Wait::Stopped: return give_up(link, TftpErrorCode::NotDefined, "Transfer stopped: server shutting down");
      case TftpPeerLink::Wait::Failed: return TftpFailure{.message = "receive failed on the transfer socket"};
      case TftpPeerLink::Wait::Packet: break;
    }
    auto packet = parse_tftp(Bytes(buf.data(), size));
    if (!packet) return give_up(link, TftpErrorCode::IllegalOperation, "Illegal TFTP operation: " + packet.error().message);
    if (packet->opcode == TftpOpcode::Error) return from_peer(*packet);
    if (packet->opcode != TftpOpcode::Ack)
      return give_up(link, TftpErrorCode::IllegalOperation,
                     "Illegal TFTP operation: " + std::string(to_string(packet->opcode)) + " while sending DATA");
    // Which outstanding block does this ACK name? Count back from the newest one sent.
    const std::uint64_t in_flight = next - base;
    const std::uint16_t back = static_cast<std::uint16_t>(wire(next - 1) - packet->block);
    if (back >= in_flight) {  // an ACK for a block acknowledged before: ignore, never resend
      ++stats.duplicate_acks;
      continue;
    }
    const std::uint64_t acked = next - 1 - back;
    for (std::uint64_t b = base; b <= acked; ++b) {
      if (b >= 1) {
        ++stats.blocks;
        stats.bytes += window.front().size() - 4;
      }
      window.pop_front();
    }
    base = acked + 1;
    retries = 0;
    deadline = after(params.timeout_ms);
    if (last_block && acked == *last_block) {
      stats.wraps = *last_block >> 16;
      return std::nullopt;
    }
    if (!window.empty() && acked >= 1) {  // ACK inside the window: the receiver lost the rest, resend it
      for (std::size_t i = 0; i < window.size(); ++i) {
        transmit(base + i, window[i]);
        ++stats.retransmissions;
      }
    }
  }
}

std::optional<TftpFailure> tftp_receive_file(TftpPeerLink& link, TftpFileSink& sink, const TftpParams& params,
                                             std::vector<std::byte> last_sent, const std::vector<std::byte>* first,
                                             const TftpLossSimulation& loss) {
  TftpStats& stats = link.stats();
  std::uint64_t expected = 1;
  unsigned since_ack = 0;
  int retries = 0;
  bool reacked = false;  // windows > 1: answer a gap or a repeated window once, not per packet
  bool skipped = false;
  auto send_ack = [&](std::uint64_t block) {
    last_sent = tftp_ack(wire(block));
    if (!skipped && block != 0 && block == loss.skip_ack_of_block) {
      skipped = true;
      ++stats.skipped_by_simulation;
      return;
    }
    link.send(last_sent);
  };
  auto deadline = after(params.timeout_ms);
  std::vector<std::byte> buf(kMaxDatagram);
  bool use_first = first != nullptr;
  for (;;) {
    std::size_t size = 0;
    if (use_first) {
      buf.assign(first->begin(), first->end());
      buf.resize(std::max(buf.size(), kMaxDatagram));
      size = first->size();
      use_first = false;
    } else {
      switch (link.wait(buf, size, deadline)) {
        case TftpPeerLink::Wait::Timeout:
          if (++retries > params.max_retries)
            return give_up(link, TftpErrorCode::NotDefined, timed_out(params.max_retries, params.timeout_ms));
          link.send(last_sent);
          ++stats.retransmissions;
          deadline = after(params.timeout_ms);
          continue;
        case TftpPeerLink::Wait::Stopped: return give_up(link, TftpErrorCode::NotDefined, "Transfer stopped: shutting down");
        case TftpPeerLink::Wait::Failed: return TftpFailure{.message = "receive failed on the transfer socket"};
        case TftpPeerLink::Wait::Packet: break;
      }
    }
    auto packet = parse_tftp(Bytes(buf.data(), size));
    if (!packet) return give_up(link, TftpErrorCode::IllegalOperation, "Illegal TFTP operation: " + packet.error().message);
    if (packet->opcode == TftpOpcode::Error) return from_peer(*packet);
    if (packet->opcode != TftpOpcode::Data)
      return give_up(link, TftpErrorCode::IllegalOperation,
                     "Illegal TFTP operation: " + std::string(to_string(packet->opcode)) + " while receiving DATA");
    if (packet->data.size() > params.blksize)
      return give_up(link, TftpErrorCode::IllegalOperation,
                     "Illegal TFTP operation: DATA of " + std::to_string(packet->data.size()) + " bytes, blksize is " +
                         std::to_string(params.blksize));
    if (packet->block != wire(expected)) {  // a repeat of an old block, or a gap
      const std::uint16_t back = static_cast<std::uint16_t>(wire(expected) - packet->block);
      if (back >= 1 && back <= params.windowsize) ++stats.duplicate_data;
      if (params.windowsize == 1 || !reacked) {
        // "I have everything up to here": the sender resends from the block after it.
        if (expected > 1) {
          send_ack(expected - 1);
        } else {
          link.send(last_sent);  // nothing yet: repeat what asked for DATA 1 (ACK 0 or OACK)
        }
        ++stats.retransmissions;
        reacked = true;
        since_ack = 0;
      }
      continue;
    }
    if (auto err = sink.write(packet->data)) return give_up(link, TftpErrorCode::DiskFull, err->message);
    ++stats.blocks;
    stats.bytes += packet->data.size();
    const bool last = packet->data.size() < params.blksize;
    ++expected;
    ++since_ack;
    retries = 0;
    reacked = false;
    deadline = after(params.timeout_ms);
    if (last || since_ack >= params.windowsize) {
      send_ack(expected - 1);
      since_ack = 0;
    }
    if (!last) continue;
    if (auto err = sink.finish()) return TftpFailure{.code = TftpErrorCode::DiskFull, .message = err->message};
    stats.wraps = (expected - 1) >> 16;
    return std::nullopt;
  }
}

void tftp_dally(TftpPeerLink& link, std::uint64_t final_block, int ms) {
  if (ms <= 0) return;
  const auto end = after(ms);
  const std::vector<std::byte> ack = tftp_ack(wire(final_block));
  std::vector<std::byte> buf(kMaxDatagram);
  std::size_t size = 0;
  while (link.wait(buf, size, end) == TftpPeerLink::Wait::Packet) {
    auto again = parse_tftp(Bytes(buf.data(), size));
    if (again && again->opcode == TftpOpcode::Data && again->block == wire(final_block)) {
      link.send(ack);
      ++link.stats().duplicate_data;
    }
  }
}

}  // namespace wirelab::servers
