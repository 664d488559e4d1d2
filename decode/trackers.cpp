#include "decode/trackers.hpp"

#include "decode/track/arp_tracker.hpp"
#include "decode/track/icmp_tracker.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "decode/track/tftp_tracker.hpp"
#include "decode/track/udp_tracker.hpp"

namespace wirelab::decode {

struct Trackers::State {
  TcpTracker tcp;
  UdpTracker udp;
  IcmpTracker icmp;
  TftpTracker tftp;
  ArpTracker arp;
  std::int64_t first_ts = 0;
  bool any = false;
};

Trackers::Trackers() : state_(std::make_unique<State>()) {}
Trackers::~Trackers() = default;
Trackers::Trackers(Trackers&&) noexcept = default;
Trackers& Trackers::operator=(Trackers&&) noexcept = default;

const TcpTracker& Trackers::tcp() const { return state_->tcp; }
const UdpTracker& Trackers::udp() const { return state_->udp; }
const IcmpTracker& Trackers::icmp() const { return state_->icmp; }
const TftpTracker& Trackers::tftp() const { return state_->tftp; }
const ArpTracker& Trackers::arp() const { return state_->arp; }
void Trackers::record_sequences(bool all) { state_->tcp.record_steps_all(all); }
void Trackers::record_sequence_of(std::int64_t s) { state_->tcp.record_steps_for(s); }
std::int64_t Trackers::first_ts_ns() const { return state_->first_ts; }
void Trackers::follow_tcp(std::int64_t stream) { state_->tcp.follow(stream); }
void Trackers::finish() { state_->tcp.finish(); }
void Trackers::verify_checksums(bool on) { state_->tcp.verify_checksums(on); }
void Trackers::keep_connection_story(bool on) { state_->tcp.keep_story(on); }

namespace {
constexpr std::uint32_t bit(Proto p) { return 1u << static_cast<unsigned>(p); }
constexpr std::uint32_t kTrackedProtos = bit(Proto::Tcp) | bit(Proto::Udp) | bit(Proto::Arp) | bit(Proto::Icmp);
constexpr std::uint32_t kIpProtos = bit(Proto::Ipv4) | bit(Proto::Ipv6);
static_assert(static_cast<unsigned>(Proto::kCount) <= 32);
}  // namespace

void Trackers::feed(const Packet& packet, PacketAnnotations& out) {
  out = PacketAnnotations{};
  if (!state_->any) {
    state_->any = true;
    state_->first_ts = packet.ts_ns;
  }
  // The first tracked layer of the packet itself (datagrams quoted inside ICMP errors, at
  // depth 1, are not conversations), and the IP layer right before it, whose addresses name
  // the conversation (the innermost one, for IP in IP).
  const Layer* const begin = packet.layers.begin();
  const Layer* const end = packet.layers.end();
  const Layer* l = nullptr;
  const Layer* ip = nullptr;
  // Nearly every packet is link, link, IP, transport (frame, Ethernet, IPv4, TCP): the
  // dissector's fast path says so, or the shape is tested at once before walking the layers.
  if (packet.layers.eth_ipv4_transport()) {
    ip = begin + 2;
    l = begin + 3;
  } else if (end - begin >= 4 && !((bit(begin[0].proto) | bit(begin[1].proto)) & kTrackedProtos) &&
      (bit(begin[2].proto) & kIpProtos) && begin[2].depth == 0 && (bit(begin[3].proto) & kTrackedProtos) &&
      begin[3].depth == 0) {
    ip = begin + 2;
    l = begin + 3;
  } else {
    l = begin;
    while (l != end && !((bit(l->proto) & kTrackedProtos) && l->depth == 0)) ++l;
    if (l == end) return;
    ip = l;
    while (ip != begin && !((bit((ip - 1)->proto) & kIpProtos) && (ip - 1)->depth == 0)) --ip;
    ip = ip == begin ? nullptr : ip - 1;
  }
  switch (l->proto) {
    case Proto::Tcp: state_->tcp.feed(packet, ip, *l, out.tcp); break;
    case Proto::Udp:
      out.udp_stream = state_->udp.feed(packet, ip, *l);
      // The dissector puts a TFTP layer right after its UDP layer.
      if (l + 1 != end && (l + 1)->proto == Proto::Tftp) state_->tftp.feed(packet, *(l + 1), out);
      break;
    case Proto::Arp: state_->arp.feed(packet, *l, out); break;
    default: state_->icmp.feed(packet, *l, out, state_->tcp, state_->udp); break;
  }
}

}  // namespace wirelab::decode
