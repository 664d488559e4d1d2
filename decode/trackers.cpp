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

void Trackers::feed(const Packet& packet, PacketAnnotations& out) {
  out = PacketAnnotations{};
  if (!state_->any) {
    state_->any = true;
    state_->first_ts = packet.ts_ns;
  }
  for (const Layer& l : packet.layers) {
    if (l.depth != 0) continue;  // datagrams quoted inside ICMP errors are not conversations
    if (l.proto == Proto::Tcp) {
      state_->tcp.feed(packet, l, out.tcp);
      break;
    }
    if (l.proto == Proto::Udp) {
      out.udp_stream = state_->udp.feed(packet, l);
      for (const Layer& t : packet.layers)
        if (t.proto == Proto::Tftp && t.depth == 0) state_->tftp.feed(packet, t, out);
      break;
    }
    if (l.proto == Proto::Arp) {
      state_->arp.feed(packet, l, out);
      break;
    }
    if (l.proto == Proto::Icmp) {
      state_->icmp.feed(packet, l, out, state_->tcp, state_->udp);
      break;
    }
  }
}

}  // namespace wirelab::decode
