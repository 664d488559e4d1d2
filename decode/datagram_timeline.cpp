#include "decode/datagram_timeline.hpp"

#include <cstdio>

#include "decode/icmp.hpp"
#include "decode/summary.hpp"
#include "decode/tftp.hpp"
#include "decode/trackers.hpp"
#include "decode/track/icmp_tracker.hpp"
#include "decode/track/tftp_tracker.hpp"
#include "decode/track/udp_tracker.hpp"

namespace wirelab::decode {

std::string_view to_string(DatagramTimeline::Kind k) {
  switch (k) {
    case DatagramTimeline::Kind::Udp: return "udp";
    case DatagramTimeline::Kind::Tftp: return "tftp";
    case DatagramTimeline::Kind::Icmp: return "icmp";
  }
  return "udp";
}

namespace {

std::string endpoint_text(const NetAddress& ip, std::uint16_t port) {
  return port == 0 ? to_string(ip) : to_string(FlowEndpoint{.ip = ip, .port = port});
}

std::string ms(std::int64_t ns) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(ns) / 1e6);
  return buf;
}

// The packet's own (depth 0) transport layer and the endpoints it names.
std::optional<FlowAddresses> top_udp(const Packet& p) {
  const Layer* udp = p.find_top(Proto::Udp);
  return udp ? flow_addresses(p, *udp) : std::nullopt;
}

}  // namespace

std::uint8_t DatagramTimeline::lane_of(const NetAddress& ip, std::uint16_t port, std::string_view role) {
  for (std::size_t i = 0; i < lanes_.size(); ++i)
    if (lanes_[i].ip == ip && lanes_[i].port == port) return static_cast<std::uint8_t>(i);
  lanes_.push_back(Lane{.ip = ip, .port = port, .role = std::string(role)});
  return static_cast<std::uint8_t>(lanes_.size() - 1);
}

void DatagramTimeline::feed(const FieldContext& ctx) {
  // A packet the trackers had nothing to say about (the GUI's store keeps no empty notes):
  // only ICMP echoes can belong to a conversation without annotations.
  if (!ctx.annotations && kind_ != Kind::Icmp) return;
  SequenceItem it;
  Extra extra;
  const bool keep = kind_ == Kind::Udp ? feed_udp(ctx, it) : kind_ == Kind::Tftp ? feed_tftp(ctx, it, extra) : feed_icmp(ctx, it);
  if (!keep) return;
  it.frame = ctx.packet.number;
  it.time_ns = ctx.packet.ts_ns;
  it.phase = SequencePhase::Data;
  if (it.label.empty()) it.label = summarize(ctx).info;
  items_.push_back(std::move(it));
  extras_.push_back(extra);
}

bool DatagramTimeline::feed_udp(const FieldContext& ctx, SequenceItem& it) {
  const PacketAnnotations& n = *ctx.annotations;
  const Packet& p = ctx.packet;
  if (n.udp_stream == index_) {
    const auto a = top_udp(p);
    if (!a) return false;
    it.src_node = lane_of(a->src.ip, a->src.port, lanes_.empty() ? "client" : "server");
    it.dst_node = lane_of(a->dst.ip, a->dst.port, "server");
    const PacketSummary s = summarize(ctx);
    it.label = s.info;
    if (s.protocol != "UDP") it.comment = s.protocol;
    return true;
  }
  if (n.icmp_quoted_udp_stream != index_) return false;
  // An ICMP error about the flow (port unreachable...): from the host the quoted datagram was
  // sent to (that endpoint's lane, or a lane of its own for a router), to the sender's lane.
  const Layer* icmp = p.find_top(Proto::Icmp);
  const Layer* quoted = nullptr;
  for (const Layer& l : p.layers)
    if (l.proto == Proto::Udp && l.depth == 1) quoted = &l;
  if (!icmp || !quoted) return false;
  const auto ips = ip_addresses(p, *icmp);
  const auto q = flow_addresses(p, *quoted);
  if (!ips || !q) return false;
  it.dst_node = lane_of(q->src.ip, q->src.port, lanes_.empty() ? "client" : "server");
  it.src_node = ips->first == q->dst.ip ? lane_of(q->dst.ip, q->dst.port, "server") : lane_of(ips->first, 0, "router");
  it.comment = "ICMP about this flow";
  return true;
}

bool DatagramTimeline::feed_tftp(const FieldContext& ctx, SequenceItem& it, Extra& extra) {
  const PacketAnnotations& n = *ctx.annotations;
  if (n.tftp_transfer != index_) return false;
  const Packet& p = ctx.packet;
  const Layer* tftp = p.find_top(Proto::Tftp);
  const auto a = top_udp(p);
  if (!tftp || !a) return false;
  const Bytes b = p.bytes_of(*tftp);
  if (b.size() >= TftpView::kOpcodeLen) extra.tftp_opcode = TftpView{b}.opcode();
  extra.tftp_block_full = n.tftp_block_full;
  // Lanes: the client, the server's port 69 (the request), the server's transfer port.
  const bool request = extra.tftp_opcode == 1 || extra.tftp_opcode == 2;
  const bool from_client = request || lanes_.empty() || (lanes_[0].ip == a->src.ip && lanes_[0].port == a->src.port);
  if (from_client) {
    it.src_node = lane_of(a->src.ip, a->src.port, "client");
    it.dst_node = lane_of(a->dst.ip, a->dst.port, request ? "server" : "server (transfer)");
  } else {
    it.src_node = lane_of(a->src.ip, a->src.port, "server (transfer)");
    it.dst_node = lane_of(a->dst.ip, a->dst.port, "client");
  }
  it.label = summarize(ctx).info;
  it.comment = std::to_string(a->src.port) + " \u2192 " + std::to_string(a->dst.port);
  if (n.tftp_block_full > 0xffff) it.comment += ", block " + std::to_string(n.tftp_block_full);
  return true;
}

bool DatagramTimeline::feed_icmp(const FieldContext& ctx, SequenceItem& it) {
  const Packet& p = ctx.packet;
  const Layer* l = p.find_top(Proto::Icmp);
  if (!l) return false;
  const Bytes b = p.bytes_of(*l);
  if (b.size() < IcmpView::kHeaderLen) return false;
  const IcmpView v{b};
  if (!icmp_is_echo(v.type())) return false;
  const auto ips = ip_addresses(p, *l);
  if (!ips) return false;
  const bool request = v.type() == 8;
  const IcmpEchoSessionKey key{.requester = request ? ips->first : ips->second,
                               .responder = request ? ips->second : ips->first, .ident = v.ident()};
  std::size_t s = 0;
  while (s < sessions_.size() && !(sessions_[s] == key)) ++s;
  if (s == sessions_.size()) {
    if (!request) return false;  // a reply to a request the capture does not have
    sessions_.push_back(key);
  }
  if (static_cast<std::int64_t>(s) != index_) return false;
  it.src_node = lane_of(ips->first, 0, request ? "requester" : "responder");
  it.dst_node = lane_of(ips->second, 0, request ? "responder" : "requester");
  it.label = summarize(ctx).info;
  if (const PacketAnnotations* n = ctx.annotations) {
    if (!request && n->icmp_resptime_ns >= 0) it.comment = "rtt " + ms(n->icmp_resptime_ns);
    else if (request && n->icmp_no_resp) it.comment = "no reply";
  }
  return true;
}

bool DatagramTimeline::exists(const Trackers& t) const {
  if (index_ < 0) return false;
  const auto i = static_cast<std::size_t>(index_);
  switch (kind_) {
    case Kind::Udp: return t.udp().stream(index_) != nullptr;
    case Kind::Tftp: return i < t.tftp().transfers().size();
    case Kind::Icmp: return i < icmp_echo_sessions(t.icmp()).size();
  }
  return false;
}

SequenceDiagram DatagramTimeline::diagram(const Trackers& t) const {
  SequenceDiagram d;
  d.time_origin_ns = t.first_ts_ns();
  for (const Lane& l : lanes_)
    d.nodes.push_back(SequenceNode{.address = endpoint_text(l.ip, l.port), .role = l.role,
                                   .ipv4 = l.ip.family == 4 ? l.ip.v4_host_order() : 0u, .port = l.port});
  d.items = items_;
  const std::string index = std::to_string(index_);
  switch (kind_) {
    case Kind::Udp: {
      const UdpFlow* f = t.udp().stream(index_);
      d.title = "UDP stream " + index;
      if (f) {
        d.title += ": " + to_string(f->a) + " (client) <-> " + to_string(f->b) + " (server)";
        d.summary = std::to_string(f->frames_ab + f->frames_ba) + " datagrams: " + std::to_string(f->frames_ab) +
                    " client \u2192 server (" + std::to_string(f->payload_bytes_ab) + " bytes), " +
                    std::to_string(f->frames_ba) + " server \u2192 client (" + std::to_string(f->payload_bytes_ba) + " bytes)";
      }
      break;
    }
    case Kind::Tftp: tftp_phases(d, t); break;
    case Kind::Icmp: {
      const auto sessions = icmp_echo_sessions(t.icmp());
      d.title = "ICMP echo " + index;
      if (index_ >= 0 && static_cast<std::size_t>(index_) < sessions.size()) {
        const IcmpEchoSession& s = sessions[static_cast<std::size_t>(index_)];
        char id[16];
        std::snprintf(id, sizeof id, "0x%04x", s.ident);
        d.title += ": " + to_string(s.requester) + " (requester) <-> " + to_string(s.responder) + " (responder), id " + id;
        d.summary = std::to_string(s.requests) + " requests, " + std::to_string(s.replies) + " replies";
        if (s.replies > 0) d.summary += ", mean rtt " + ms(s.rtt_sum_ns / static_cast<std::int64_t>(s.replies));
      }
      break;
    }
  }
  return d;
}

void DatagramTimeline::tftp_phases(SequenceDiagram& d, const Trackers& t) const {
  const auto& transfers = t.tftp().transfers();
  d.title = "TFTP transfer " + std::to_string(index_);
  if (index_ < 0 || static_cast<std::size_t>(index_) >= transfers.size()) return;
  const TftpTransfer& x = transfers[static_cast<std::size_t>(index_)];
  d.title += ": " + to_string(x.client) + " (client) <-> " + to_string(x.server) + " (server)";
  if (x.server_port != 0) d.title += ", transfer port " + std::to_string(x.server_port);
  std::string request = std::string(x.write ? "write " : "read ") + x.file + " (" + x.mode + ")";
  for (const auto& [name, value] : x.negotiated) request += ", " + name + "=" + value;
  std::string outcome(to_string(x.outcome));
  if (x.outcome == TftpOutcome::Complete || x.blocks > 0)
    outcome += ", " + std::to_string(x.bytes) + " bytes in " + std::to_string(x.blocks) + " blocks";
  if (x.outcome == TftpOutcome::Error || x.outcome == TftpOutcome::TsizeProbe)
    outcome += ", error " + std::to_string(x.error_code) + " \"" + x.error_message + "\"";
  d.summary = request + ": " + outcome;
  // The request phase: every packet before the first DATA (RRQ/WRQ, OACK, ACK 0). The end:
  // the last block and its ACK, or the ERROR that stopped the transfer.
  constexpr std::uint16_t kData = 3, kError = 5;
  std::size_t first_data = d.items.size();
  for (std::size_t i = 0; i < d.items.size(); ++i)
    if (extras_[i].tftp_opcode == kData || extras_[i].tftp_opcode == kError) {
      first_data = i;
      break;
    }
  for (std::size_t i = 0; i < first_data; ++i) d.items[i].phase = SequencePhase::Handshake;
  if (first_data > 0) d.items[first_data - 1].phase_mark = "request: " + request;
  std::size_t end_from = d.items.size();
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    const bool last_block = x.outcome == TftpOutcome::Complete && extras_[i].tftp_block_full >= 0 &&
                            static_cast<std::uint64_t>(extras_[i].tftp_block_full) == x.last_block_full &&
                            extras_[i].tftp_opcode == kData;
    if (last_block || extras_[i].tftp_opcode == kError) {
      end_from = std::max(i, first_data);
      break;
    }
  }
  for (std::size_t i = end_from; i < d.items.size(); ++i) d.items[i].phase = SequencePhase::Teardown;
  if (end_from < d.items.size()) d.items.back().phase_mark = "end: " + outcome;
}

}  // namespace wirelab::decode
