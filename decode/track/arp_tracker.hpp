// ARP: requests paired with replies, gratuitous ARPs / probes / announcements recognised, and
// duplicate IP addresses (a second MAC claiming an IP) flagged with the frame of the earlier
// claim, as tshark's arp.detect_duplicate_ips does.
#pragma once
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"

namespace wirelab::decode {

struct ArpExchange {
  std::uint64_t request_frame = 0;
  std::uint64_t reply_frame = 0;  // 0: unanswered
  std::uint32_t asked_ip = 0;     // host order
  std::array<std::uint8_t, 6> answer_mac{};
};

struct ArpDuplicate {
  std::uint64_t frame = 0, earlier_frame = 0;
  std::uint32_t ip = 0;
  std::array<std::uint8_t, 6> mac{}, earlier_mac{};
};

// What kind of ARP a packet is (stateless; RFC 5227 names).
struct ArpKind {
  bool gratuitous = false;    // sender IP == target IP
  bool probe = false;         // request from 0.0.0.0 with an empty target MAC
  bool announcement = false;  // gratuitous request with an empty target MAC
};
ArpKind arp_kind_of(Bytes arp);

class ArpTracker {
 public:
  void feed(const Packet& p, const Layer& arp, PacketAnnotations& out);
  const std::vector<ArpExchange>& exchanges() const { return exchanges_; }
  const std::vector<ArpDuplicate>& duplicates() const { return duplicates_; }

 private:
  struct Binding {
    std::array<std::uint8_t, 6> mac{};
    std::uint64_t frame = 0;
    std::int64_t ts_ns = 0;
  };
  std::unordered_map<std::uint32_t, Binding> bindings_;       // IP -> the MAC that claimed it
  std::unordered_map<std::uint32_t, std::size_t> pending_;    // asked IP -> newest open request
  std::vector<ArpExchange> exchanges_;
  std::vector<ArpDuplicate> duplicates_;
};

}  // namespace wirelab::decode
