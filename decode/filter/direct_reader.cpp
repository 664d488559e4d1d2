#include "decode/filter/direct_reader.hpp"

#include <string_view>

#include "decode/field_tables.hpp"
#include "decode/ipv4.hpp"
#include "decode/tcp.hpp"
#include "decode/udp.hpp"

namespace wirelab::decode::filter {
namespace {

using Ip = Ipv4View;
using Tcp = TcpView;
using Udp = UdpView;

// One integer at [Off, Off+Len) of the layer, as the registry's uint_of extractors read it.
template <class View, auto Get, std::uint32_t Off, std::uint32_t Len>
int one(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  const Bytes b = c.packet.bytes_of(l);
  if (Off + Len > b.size()) return 0;
  out[0] = static_cast<std::uint64_t>(Get(View{b}));
  return 1;
}

// Source and destination ports (tcp.port, udp.port), each present when its bytes are.
template <class View>
int either_port(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  const Bytes b = c.packet.bytes_of(l);
  if (b.size() < 2) return 0;
  out[0] = View{b}.src_port();
  if (b.size() < 4) return 1;
  out[1] = View{b}.dst_port();
  return 2;
}

// ip.dst is the last hop of a source route when the header has options.
bool has_ip_options(const Layer& l, Bytes b) { return !l.partial() && Ip{b}.header_len() > Ip::kMinHeaderLen; }

int ip_dst(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  const Bytes b = c.packet.bytes_of(l);
  if (b.size() < 20) return 0;
  out[0] = has_ip_options(l, b) ? ipv4_destination(c, l).address : Ip{b}.dst();
  return 1;
}

int ip_addr(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  const Bytes b = c.packet.bytes_of(l);
  if (b.size() < 16) return 0;
  out[0] = Ip{b}.src();
  if (b.size() < 20) return 1;
  out[1] = has_ip_options(l, b) ? ipv4_destination(c, l).address : Ip{b}.dst();
  return 2;
}

int tcp_stream(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  if (!c.annotations || c.annotations->tcp.stream < 0 || l.depth != 0) return 0;
  out[0] = static_cast<std::uint64_t>(c.annotations->tcp.stream);
  return 1;
}

int tcp_len(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  const Bytes b = c.packet.bytes_of(l);
  if (b.size() < 13) return 0;
  const std::uint32_t hlen = Tcp{b}.header_len();
  if (hlen < Tcp::kMinHeaderLen || l.reported_len < hlen) return 0;
  out[0] = l.reported_len - hlen;
  return 1;
}

int udp_stream(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  if (!c.annotations) return 0;
  const std::int64_t s = l.depth == 0 ? c.annotations->udp_stream : c.annotations->icmp_quoted_udp_stream;
  if (s < 0 || l.depth > 1) return 0;
  out[0] = static_cast<std::uint64_t>(s);
  return 1;
}

template <std::uint16_t Flag, std::uint32_t Off, std::uint32_t Len>
int tcp_flag_bit(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  return one<Tcp, [](const Tcp& v) { return v.has(Flag); }, Off, Len>(c, l, out);
}

struct Entry {
  std::string_view name;
  DirectReader read;
};

const Entry kReaders[] = {
    {"frame.number", [](const FieldContext& c, const Layer&, std::uint64_t out[2]) { out[0] = c.packet.number; return 1; }},
    {"frame.len", [](const FieldContext& c, const Layer&, std::uint64_t out[2]) { out[0] = c.packet.wire_len; return 1; }},
    {"frame.cap_len", [](const FieldContext& c, const Layer&, std::uint64_t out[2]) { out[0] = c.packet.cap_len(); return 1; }},
    {"ip.hdr_len", one<Ip, [](const Ip& v) { return v.header_len(); }, 0, 1>},
    {"ip.len", one<Ip, [](const Ip& v) { return v.total_len(); }, 2, 2>},
    {"ip.id", one<Ip, [](const Ip& v) { return v.id(); }, 4, 2>},
    {"ip.ttl", one<Ip, [](const Ip& v) { return v.ttl(); }, 8, 1>},
    {"ip.proto", one<Ip, [](const Ip& v) { return v.protocol(); }, 9, 1>},
    {"ip.src", one<Ip, [](const Ip& v) { return v.src(); }, 12, 4>},
    {"ip.dst", ip_dst},
    {"ip.addr", ip_addr},
    {"tcp.srcport", one<Tcp, [](const Tcp& v) { return v.src_port(); }, 0, 2>},
    {"tcp.dstport", one<Tcp, [](const Tcp& v) { return v.dst_port(); }, 2, 2>},
    {"tcp.port", either_port<Tcp>},
    {"tcp.stream", tcp_stream},
    {"tcp.len", tcp_len},
    {"tcp.seq_raw", one<Tcp, [](const Tcp& v) { return v.seq(); }, 4, 4>},
    {"tcp.ack_raw", one<Tcp, [](const Tcp& v) { return v.ack(); }, 8, 4>},
    {"tcp.hdr_len", one<Tcp, [](const Tcp& v) { return v.header_len(); }, 12, 1>},
    {"tcp.flags", one<Tcp, [](const Tcp& v) { return v.flags(); }, 12, 2>},
    {"tcp.flags.ns", tcp_flag_bit<tcp_flag::kAe, 12, 2>},
    {"tcp.flags.cwr", tcp_flag_bit<tcp_flag::kCwr, 13, 1>},
    {"tcp.flags.ece", tcp_flag_bit<tcp_flag::kEce, 13, 1>},
    {"tcp.flags.urg", tcp_flag_bit<tcp_flag::kUrg, 13, 1>},
    {"tcp.flags.ack", tcp_flag_bit<tcp_flag::kAck, 13, 1>},
    {"tcp.flags.push", tcp_flag_bit<tcp_flag::kPsh, 13, 1>},
    {"tcp.flags.reset", tcp_flag_bit<tcp_flag::kRst, 13, 1>},
    {"tcp.flags.syn", tcp_flag_bit<tcp_flag::kSyn, 13, 1>},
    {"tcp.flags.fin", tcp_flag_bit<tcp_flag::kFin, 13, 1>},
    {"tcp.window_size_value", one<Tcp, [](const Tcp& v) { return v.window(); }, 14, 2>},
    {"udp.srcport", one<Udp, [](const Udp& v) { return v.src_port(); }, 0, 2>},
    {"udp.dstport", one<Udp, [](const Udp& v) { return v.dst_port(); }, 2, 2>},
    {"udp.port", either_port<Udp>},
    {"udp.length", one<Udp, [](const Udp& v) { return v.length(); }, 4, 2>},
    {"udp.stream", udp_stream},
};

}  // namespace

DirectReader direct_reader(const FieldDef& def) {
  for (const Entry& e : kReaders)
    if (e.name == def.name) return e.read;
  return nullptr;
}

}  // namespace wirelab::decode::filter
