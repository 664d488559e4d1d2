#include "decode/track/arp_tracker.hpp"

#include <algorithm>

#include "decode/arp.hpp"

namespace wirelab::decode {

namespace {
std::array<std::uint8_t, 6> mac_of(Bytes b) {
  std::array<std::uint8_t, 6> m{};
  for (std::size_t i = 0; i < 6; ++i) m[i] = load_u8(b, i);
  return m;
}
bool all_zero(const std::array<std::uint8_t, 6>& m) {
  return std::all_of(m.begin(), m.end(), [](std::uint8_t x) { return x == 0; });
}
bool usable(const ArpView& v) {
  return v.hw_is_mac() && v.proto_is_ipv4() && !v.is_rarp_opcode() && v.bytes.size() >= v.length();
}
}  // namespace

std::string_view ArpExchange::label() const {
  if (kind.probe) return answered() ? "probe / is-at" : "probe";
  if (kind.announcement) return answered() ? "announcement / is-at" : "announcement";
  if (kind.gratuitous) return answered() ? "gratuitous / is-at" : "gratuitous";
  return answered() ? "who-has / is-at" : "unanswered";
}

ArpKind arp_kind_of(Bytes b) {
  ArpKind k;
  if (b.size() < ArpView::kFixedLen) return k;
  const ArpView v{b};
  // tshark judges the IPv4 addresses whatever the hardware type, for requests and replies.
  // (ATM ARP, hardware type 19, has another layout: tshark does not judge it.)
  if (!v.proto_is_ipv4() || v.hw_type() == 19 || (v.opcode() != 1 && v.opcode() != 2) ||
      !fits(b, v.target_proto_offset(), 4))
    return k;
  const std::uint32_t spa = load_be32(v.sender_proto(), 0), tpa = load_be32(v.target_proto(), 0);
  const Bytes target_hw = v.target_hw();
  const bool empty_target_mac =
      std::all_of(target_hw.begin(), target_hw.end(), [](std::byte x) { return x == std::byte{0}; });
  const bool request = v.opcode() == 1;
  k.gratuitous = spa == tpa;
  k.probe = request && spa == 0 && empty_target_mac && tpa != 0;
  k.announcement = request && k.gratuitous && empty_target_mac && spa != 0;
  return k;
}

void ArpTracker::feed(const Packet& p, const Layer& l, PacketAnnotations& out) {
  const Bytes b = p.bytes_of(l);
  if (b.size() < ArpView::kFixedLen) return;
  const ArpView v{b};
  if (!usable(v)) return;
  const auto sha = mac_of(v.sender_hw());
  const auto tha = mac_of(v.target_hw());
  const std::uint32_t spa = load_be32(v.sender_proto(), 0), tpa = load_be32(v.target_proto(), 0);

  // Duplicate address: a different MAC claims an IP we saw claimed (by a request's or
  // reply's sender, or a reply's target, as tshark checks). The earlier binding stays; its
  // owner's later claims refresh its frame.
  if (v.opcode() != 1 && v.opcode() != 2) return;
  const auto check = [&](std::uint32_t ip, const std::array<std::uint8_t, 6>& mac, bool learn) {
    if (ip == 0 || all_zero(mac) || (mac[0] & 1) != 0) return false;
    auto it = bindings_.find(ip);
    if (it == bindings_.end()) {
      if (learn) bindings_.emplace(ip, Binding{mac, p.number, p.ts_ns});
      return false;
    }
    if (it->second.mac == mac) {
      if (learn) it->second = Binding{mac, p.number, p.ts_ns};
      return false;
    }
    out.arp_duplicate_frame = it->second.frame;
    // tshark subtracts the whole-second parts of the two timestamps.
    out.arp_duplicate_age_s = p.ts_ns / 1'000'000'000 - it->second.ts_ns / 1'000'000'000;
    duplicates_.push_back({.frame = p.number, .earlier_frame = it->second.frame, .ip = ip, .mac = mac,
                           .earlier_mac = it->second.mac});
    return true;
  };
  const bool duplicate = check(spa, sha, true) || (v.opcode() == 2 && check(tpa, tha, false));
  const std::int64_t duplicate_index = duplicate ? static_cast<std::int64_t>(duplicates_.size()) - 1 : -1;

  if (v.opcode() == 1) {
    pending_[tpa] = exchanges_.size();
    exchanges_.push_back({.request_frame = p.number, .request_ts_ns = p.ts_ns, .requester_ip = spa, .asked_ip = tpa,
                          .requester_mac = sha, .kind = arp_kind_of(b), .duplicate = duplicate_index});
  } else {
    if (auto it = pending_.find(spa); it != pending_.end()) {
      ArpExchange& x = exchanges_[it->second];
      x.reply_frame = p.number;
      x.reply_ts_ns = p.ts_ns;
      x.answer_mac = sha;
      if (x.duplicate < 0) x.duplicate = duplicate_index;
      out.arp_reply_to = x.request_frame;
      pending_.erase(it);
    }
  }
}

}  // namespace wirelab::decode
