// TFTP transfers: a request on port 69 opens one; the packets the dissector recognises as
// TFTP between the client's port and the server (any port: the server answers from a new
// one) feed it. Block numbers continue past 65535 (tftp.block.full as tshark counts it).
#pragma once
#include <cstdint>
#include <deque>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"
#include "decode/track/tftp_transfer.hpp"

namespace wirelab::decode {

class TftpTracker {
 public:
  static constexpr std::size_t kContentCapBytes = 64u << 20;  // per transfer
  void feed(const Packet& p, const Layer& tftp, PacketAnnotations& out);
  const std::deque<TftpTransfer>& transfers() const { return transfers_; }

 private:
  TftpTransfer* transfer_for(const FlowEndpoint& src, const FlowEndpoint& dst, std::int64_t& index);
  std::deque<TftpTransfer> transfers_;
};

}  // namespace wirelab::decode
