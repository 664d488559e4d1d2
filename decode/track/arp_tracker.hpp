// ARP: requests paired with replies, gratuitous ARPs / probes / announcements recognised, and
// duplicate IP addresses (a second MAC claiming an IP) flagged with the frame of the earlier
// claim, as tshark's arp.detect_duplicate_ips does. Each exchange carries what the GUI's
// conversation row shows: who asked (IP and MAC), when, the kind of request, the answer and
// the duplicate finding, so the GUI decides nothing about ARP itself.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"

namespace wirelab::decode {

// What kind of ARP a packet is (stateless; RFC 5227 names).
struct ArpKind {
  bool gratuitous = false;    // sender IP == target IP
  bool probe = false;         // request from 0.0.0.0 with an empty target MAC
  bool announcement = false;  // gratuitous request with an empty target MAC
};
ArpKind arp_kind_of(Bytes arp);

// One request and the reply that answered it (the newest open request for the IP a reply's
// sender announces). Everything a conversation row shows, filled while reading.
struct ArpExchange {
  std::uint64_t request_frame = 0;
  std::uint64_t reply_frame = 0;  // 0: unanswered
  std::int64_t request_ts_ns = 0;
  std::int64_t reply_ts_ns = 0;    // 0: unanswered
  std::uint32_t requester_ip = 0;  // host order; the request's sender (0.0.0.0 for a probe)
  std::uint32_t asked_ip = 0;      // host order
  std::array<std::uint8_t, 6> requester_mac{};
  std::array<std::uint8_t, 6> answer_mac{};
  ArpKind kind;  // of the request
  // Index in ArpTracker::duplicates() of a second MAC claiming an IP in the request or in its
  // reply (tshark's arp.duplicate-address-detected on that frame); -1: none.
  std::int64_t duplicate = -1;

  bool answered() const { return reply_frame != 0; }
  // A request that asked for an answer (not gratuitous, not a probe) and got none.
  bool unanswered() const { return !answered() && !kind.gratuitous && !kind.probe; }
  // Reply time minus request time; meaningful only when answered().
  std::int64_t response_ns() const { return reply_ts_ns - request_ts_ns; }
  // "who-has / is-at", "unanswered", or the request's kind ("probe", "announcement",
  // "gratuitous"), with " / is-at" when such a request was answered.
  std::string_view label() const;
};

struct ArpDuplicate {
  std::uint64_t frame = 0, earlier_frame = 0;
  std::uint32_t ip = 0;
  std::array<std::uint8_t, 6> mac{}, earlier_mac{};
};

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
