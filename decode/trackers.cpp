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

using Written = PacketAnnotations::Written;

// Gives `out` back its defaults: only the part the last feed() wrote (resetting the whole
// 160-byte record at every packet cost a sixth of what tracking a UDP datagram did), and not
// the part `next` is about to write whole anyway (TcpTracker::feed() writes every field of its
// annotation; the UDP tracker's stream is all a datagram's part is).
inline void reset(PacketAnnotations& out, Written next) {
  if (out.written == next && next != Written::kOther) return;
  switch (out.written) {
    case Written::kNone: break;
    case Written::kTcp: out.tcp = TcpAnnotation{}; break;  // only when a TCP segment's record goes elsewhere
    case Written::kUdp: out.udp_stream = -1; break;
    case Written::kOther: out = PacketAnnotations{}; break;
  }
  out.written = next;
}
}  // namespace

void Trackers::feed(const Packet& packet, PacketAnnotations& out) {
  State& st = *state_;
  if (!st.any) {
    st.any = true;
    st.first_ts = packet.ts_ns;
  }
  // Nearly every packet is frame, Ethernet, IPv4, then TCP or UDP: the dissector's fast path
  // says so (LayerList::eth_ipv4_transport()). Never TFTP, which that path leaves to the
  // general walk.
  if (packet.layers.eth_ipv4_transport()) {
    const Layer* const ip = packet.layers.begin() + 2;
    if (ip[1].proto == Proto::Tcp) {
      reset(out, Written::kTcp);
      st.tcp.feed(packet, ip, ip[1], out.tcp);
    } else {
      reset(out, Written::kUdp);
      out.udp_stream = st.udp.feed(packet, ip, ip[1]);
    }
    return;
  }
  feed_layers(packet, out);
}

void Trackers::feed_layers(const Packet& packet, PacketAnnotations& out) {
  // The first tracked layer of the packet itself (datagrams quoted inside ICMP errors, at
  // depth 1, are not conversations), and the IP layer right before it, whose addresses name
  // the conversation (the innermost one, for IP in IP).
  const Layer* const begin = packet.layers.begin();
  const Layer* const end = packet.layers.end();
  const Layer* l = nullptr;
  const Layer* ip = nullptr;
  // Most of the other packets are link, link, IP, transport too (SLL, IPv4, TCP, say): the
  // shape is tested at once before walking the layers.
  if (end - begin >= 4 && !((bit(begin[0].proto) | bit(begin[1].proto)) & kTrackedProtos) &&
      (bit(begin[2].proto) & kIpProtos) && begin[2].depth == 0 && (bit(begin[3].proto) & kTrackedProtos) &&
      begin[3].depth == 0) {
    ip = begin + 2;
    l = begin + 3;
  } else {
    l = begin;
    while (l != end && !((bit(l->proto) & kTrackedProtos) && l->depth == 0)) ++l;
    if (l == end) {
      reset(out, Written::kNone);
      return;
    }
    ip = l;
    while (ip != begin && !((bit((ip - 1)->proto) & kIpProtos) && (ip - 1)->depth == 0)) --ip;
    ip = ip == begin ? nullptr : ip - 1;
  }
  switch (l->proto) {
    case Proto::Tcp:
      reset(out, Written::kTcp);
      state_->tcp.feed(packet, ip, *l, out.tcp);
      break;
    case Proto::Udp: {
      // The dissector puts a TFTP layer right after its UDP layer.
      const bool tftp = l + 1 != end && (l + 1)->proto == Proto::Tftp;
      reset(out, tftp ? Written::kOther : Written::kUdp);
      out.udp_stream = state_->udp.feed(packet, ip, *l);
      if (tftp) state_->tftp.feed(packet, *(l + 1), out);
      break;
    }
    case Proto::Arp:
      reset(out, Written::kOther);
      state_->arp.feed(packet, *l, out);
      break;
    default:
      reset(out, Written::kOther);
      state_->icmp.feed(packet, *l, out, state_->tcp, state_->udp);
      break;
  }
}

}  // namespace wirelab::decode
