// ICMP: echo requests paired with their replies the way tshark pairs them (same address pair,
// identifier, sequence number and payload; the newest matching request wins), and errors
// linked to the TCP or UDP conversation whose datagram they quote.
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"
#include "decode/track/flat_index_map.hpp"
#include "decode/track/flow_key.hpp"

namespace wirelab::decode {

class TcpTracker;
class UdpTracker;

struct IcmpEchoPair {
  std::uint64_t request_frame = 0;
  std::uint64_t reply_frame = 0;  // 0: no reply seen
  std::int64_t request_ts_ns = 0;
  std::int64_t rtt_ns = -1;
  NetAddress requester, responder;
  std::uint16_t ident = 0, seq = 0;
};

struct IcmpErrorLink {
  std::uint64_t frame = 0;
  std::uint8_t type = 0, code = 0;
  Proto quoted = Proto::Data;  // Tcp or Udp when the quoted datagram names a conversation
  std::int64_t stream = -1;    // its tcp.stream / udp.stream, -1 when not seen
};

class IcmpTracker {
 public:
  void feed(const Packet& p, const Layer& icmp, PacketAnnotations& out, const TcpTracker& tcp, UdpTracker& udp);
  const std::deque<IcmpEchoPair>& echoes() const { return echoes_; }
  const std::vector<IcmpErrorLink>& errors() const { return errors_; }

 private:
  struct Key {
    NetAddress a, b;  // unordered pair (a <= b)
    std::uint16_t ident = 0, seq = 0;
    std::uint16_t rest_sum = 0;  // one's-complement sum of everything after type/code
    friend bool operator==(const Key&, const Key&) = default;
  };
  static std::uint64_t hash(const Key& k);
  std::deque<IcmpEchoPair> echoes_;
  std::vector<Key> keys_;  // parallel to echoes_
  FlatIndexMap index_;     // key -> newest request
  std::vector<IcmpErrorLink> errors_;
};

}  // namespace wirelab::decode
