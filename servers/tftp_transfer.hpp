// The two halves of every TFTP transfer, shared by server and client: the sender (server on
// RRQ, client on WRQ) and the receiver (client on RRQ, server on WRQ).
//
// Block numbers: internally a 64-bit count from 1; on the wire its low 16 bits. So block 65535
// is followed by block 0 (the rollover most implementations use; RFC 1350 says nothing, and a
// 512-byte transfer would otherwise stop at 32 MB).
//
// Windows (RFC 7440): the sender sends up to `windowsize` blocks, then waits for an ACK; an ACK
// for a block inside the window means "resend from the next one". windowsize 1 is RFC 1350's
// lock-step.
//
// Retransmission: only on timeout, at most max_retries times in a row. A duplicate ACK never
// triggers a resend (RFC 1123 4.2.3.1, the Sorcerer's Apprentice bug: resending on it doubles
// every later packet).
//
// TIDs: both ends are fixed by now; a packet from any other address or port gets ERROR 5
// (Unknown transfer ID) and is otherwise ignored: the transfer goes on.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "servers/stop_signal.hpp"
#include "servers/tftp_file_io.hpp"
#include "servers/tftp_packet.hpp"
#include "servers/datagram_socket.hpp"

namespace wirelab::servers {

struct TftpParams {
  std::size_t blksize = 512;   // RFC 2348: 8..65464
  int timeout_ms = 1000;       // RFC 2349 negotiates whole seconds; tests use less
  std::uint16_t windowsize = 1;
  int max_retries = 5;         // consecutive timeouts before giving up
};

// Loss simulated by our own end (the network on loopback does not lose): the first time the
// named block's packet is due, it is not sent. 0 = no loss.
struct TftpLossSimulation {
  std::uint64_t skip_ack_of_block = 0;  // receiver
  std::uint64_t skip_data_block = 0;    // sender
};

struct TftpStats {
  std::uint64_t blocks = 0;            // DATA blocks delivered (receiver) / acknowledged (sender)
  std::uint64_t bytes = 0;             // their payload bytes (wire form)
  std::uint64_t retransmissions = 0;   // packets sent again after a timeout or a gap
  std::uint64_t duplicate_acks = 0;    // received and ignored (no resend)
  std::uint64_t duplicate_data = 0;
  std::uint64_t wrong_tid = 0;         // packets from a stranger, answered with ERROR 5
  std::uint64_t skipped_by_simulation = 0;
  std::uint64_t wraps = 0;             // times the wire block number rolled over 65535 -> 0
};

struct TftpFailure {
  TftpErrorCode code = TftpErrorCode::NotDefined;
  std::string message;
  bool from_peer = false;  // the peer sent ERROR (else: we gave up, and told the peer if we could)
};

// The socket and the fixed peer of one transfer.
class TftpPeerLink {
 public:
  TftpPeerLink(DatagramSocket& socket, SockAddr peer, const StopSignal* stop, TftpStats& stats)
      : socket_(socket), peer_(peer), stop_(stop), stats_(stats) {}

  enum class Wait { Packet, Timeout, Stopped, Failed };
  // The next datagram from the peer before `deadline`; strangers get ERROR 5 meanwhile.
  Wait wait(std::vector<std::byte>& buf, std::size_t& size, std::chrono::steady_clock::time_point deadline);
  void send(Bytes packet) { socket_.send_to(packet, peer_); }
  SockAddr peer() const { return peer_; }
  TftpStats& stats() { return stats_; }

 private:
  DatagramSocket& socket_;
  SockAddr peer_;
  const StopSignal* stop_;
  TftpStats& stats_;
};

// Sends the file from block 1. With `oack`, sends it first and waits for its ACK 0.
std::optional<TftpFailure> tftp_send_file(TftpPeerLink& link, TftpFileSource& source, const TftpParams& params,
                                          const std::vector<std::byte>* oack, const TftpLossSimulation& loss = {});

// Receives the file. `last_sent` is the packet that asked for DATA 1 (ACK 0 or OACK): it is
// repeated on timeout until DATA 1 comes. `first` is a DATA packet already received, if any.
std::optional<TftpFailure> tftp_receive_file(TftpPeerLink& link, TftpFileSink& sink, const TftpParams& params,
                                             std::vector<std::byte> last_sent, const std::vector<std::byte>* first,
                                             const TftpLossSimulation& loss = {});

// After the final ACK (RFC 1350 section 6, "dallying"): for `ms`, answer a repeat of the final
// DATA (our ACK was lost) with that ACK again, so the sender can finish too.
void tftp_dally(TftpPeerLink& link, std::uint64_t final_block, int ms);

}  // namespace wirelab::servers
