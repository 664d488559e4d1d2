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

int ip_len(const FieldContext& c, const Layer& l, std::uint64_t out[2]) {
  const Bytes b = c.packet.bytes_of(l);
  if (b.size() < 4) return 0;
  out[0] = ipv4_total_len_shown(b, l);
  return 1;
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

// The occurrences of one layer folded into the test: 1 or 0 when they decide it, -1 to go on.
// `seen` records that the field occurred.
template <TestOp Op, DirectReader Read>
int fold_layer(const IntegerTest& t, const FieldContext& ctx, const Layer& l, bool& seen) {
  std::uint64_t v[2];
  int n = 0;
  if constexpr (Read != nullptr) n = Read(ctx, l, v);
  else n = t.read(ctx, l, v);
  for (int k = 0; k < n; ++k) {
    const std::uint64_t key = t.truth ? std::uint64_t{v[k] != 0} : (v[k] ^ t.key_xor) & t.key_mask;
    const bool holds = key_holds<Op>(key, t.literal);
    seen = true;
    if constexpr (Op == TestOp::AllEq) {
      if (!holds) return 0;
    } else if (holds) {
      return int{Op != TestOp::Ne};  // != is "no occurrence equals"
    }
  }
  return -1;
}

// `field OP literal` with Wireshark's occurrence semantics (see program.hpp); Read nullptr:
// the test's reader, called per layer.
template <TestOp Op, DirectReader Read>
bool compare(const IntegerTest& t, const FieldContext& ctx) {
  bool seen = false;
  const LayerList& layers = ctx.packet.layers;
  bool known = false;
  if (const Layer* only = layers.only_layer(t.proto, known); known) {
    // The protocol's one layer, found by its place; absent: false, whatever the operator.
    if (!only) return false;
    if (const int d = fold_layer<Op, Read>(t, ctx, *only, seen); d >= 0) return d != 0;
  } else {
    for (const Layer& l : layers)
      if (l.proto == t.proto)
        if (const int d = fold_layer<Op, Read>(t, ctx, l, seen); d >= 0) return d != 0;
  }
  if constexpr (Op == TestOp::AllEq || Op == TestOp::Ne) return seen;
  return false;
}

// The field occurs (`tcp.flags.syn` alone).
template <DirectReader Read>
bool exists(const IntegerTest& t, const FieldContext& ctx) {
  std::uint64_t v[2];
  const LayerList& layers = ctx.packet.layers;
  bool known = false;
  if (const Layer* only = layers.only_layer(t.proto, known); known) return only && Read(ctx, *only, v) > 0;
  for (const Layer& l : layers)
    if (l.proto == t.proto && Read(ctx, l, v) > 0) return true;
  return false;
}

// The common operators get the reader inlined; the others call it per layer.
struct Entry {
  std::string_view name;
  DirectReader read;
  IntegerRoutine eq, ne, exists;
};

template <DirectReader Read>
constexpr Entry entry(std::string_view name) {
  return {name, Read, &compare<TestOp::Eq, Read>, &compare<TestOp::Ne, Read>, &exists<Read>};
}

int frame_number(const FieldContext& c, const Layer&, std::uint64_t out[2]) {
  out[0] = c.packet.number;
  return 1;
}
int frame_len(const FieldContext& c, const Layer&, std::uint64_t out[2]) {
  out[0] = c.packet.wire_len;
  return 1;
}
int frame_cap_len(const FieldContext& c, const Layer&, std::uint64_t out[2]) {
  out[0] = c.packet.cap_len();
  return 1;
}

const Entry kReaders[] = {
    entry<frame_number>("frame.number"),
    entry<frame_len>("frame.len"),
    entry<frame_cap_len>("frame.cap_len"),
    entry<one<Ip, [](const Ip& v) { return v.header_len(); }, 0, 1>>("ip.hdr_len"),
    entry<ip_len>("ip.len"),
    entry<one<Ip, [](const Ip& v) { return v.id(); }, 4, 2>>("ip.id"),
    entry<one<Ip, [](const Ip& v) { return v.ttl(); }, 8, 1>>("ip.ttl"),
    entry<one<Ip, [](const Ip& v) { return v.protocol(); }, 9, 1>>("ip.proto"),
    entry<one<Ip, [](const Ip& v) { return v.src(); }, 12, 4>>("ip.src"),
    entry<ip_dst>("ip.dst"),
    entry<ip_addr>("ip.addr"),
    entry<one<Tcp, [](const Tcp& v) { return v.src_port(); }, 0, 2>>("tcp.srcport"),
    entry<one<Tcp, [](const Tcp& v) { return v.dst_port(); }, 2, 2>>("tcp.dstport"),
    entry<either_port<Tcp>>("tcp.port"),
    entry<tcp_stream>("tcp.stream"),
    entry<tcp_len>("tcp.len"),
    entry<one<Tcp, [](const Tcp& v) { return v.seq(); }, 4, 4>>("tcp.seq_raw"),
    entry<one<Tcp, [](const Tcp& v) { return v.ack(); }, 8, 4>>("tcp.ack_raw"),
    entry<one<Tcp, [](const Tcp& v) { return v.header_len(); }, 12, 1>>("tcp.hdr_len"),
    entry<one<Tcp, [](const Tcp& v) { return v.flags(); }, 12, 2>>("tcp.flags"),
    entry<tcp_flag_bit<tcp_flag::kAe, 12, 2>>("tcp.flags.ns"),
    entry<tcp_flag_bit<tcp_flag::kCwr, 13, 1>>("tcp.flags.cwr"),
    entry<tcp_flag_bit<tcp_flag::kEce, 13, 1>>("tcp.flags.ece"),
    entry<tcp_flag_bit<tcp_flag::kUrg, 13, 1>>("tcp.flags.urg"),
    entry<tcp_flag_bit<tcp_flag::kAck, 13, 1>>("tcp.flags.ack"),
    entry<tcp_flag_bit<tcp_flag::kPsh, 13, 1>>("tcp.flags.push"),
    entry<tcp_flag_bit<tcp_flag::kRst, 13, 1>>("tcp.flags.reset"),
    entry<tcp_flag_bit<tcp_flag::kSyn, 13, 1>>("tcp.flags.syn"),
    entry<tcp_flag_bit<tcp_flag::kFin, 13, 1>>("tcp.flags.fin"),
    entry<one<Tcp, [](const Tcp& v) { return v.window(); }, 14, 2>>("tcp.window_size_value"),
    entry<one<Udp, [](const Udp& v) { return v.src_port(); }, 0, 2>>("udp.srcport"),
    entry<one<Udp, [](const Udp& v) { return v.dst_port(); }, 2, 2>>("udp.dstport"),
    entry<either_port<Udp>>("udp.port"),
    entry<one<Udp, [](const Udp& v) { return v.length(); }, 4, 2>>("udp.length"),
    entry<udp_stream>("udp.stream"),
};

const Entry* find_entry(const FieldDef& def) {
  for (const Entry& e : kReaders)
    if (e.name == def.name) return &e;
  return nullptr;
}

}  // namespace

DirectReader direct_reader(const FieldDef& def) {
  const Entry* e = find_entry(def);
  return e ? e->read : nullptr;
}

IntegerRoutine direct_routine(const FieldDef& def, TestOp op) {
  const Entry* e = find_entry(def);
  if (!e) return nullptr;
  switch (op) {
    case TestOp::Exists: return e->exists;
    case TestOp::Eq: return e->eq;
    case TestOp::Ne: return e->ne;
    case TestOp::AllEq: return &compare<TestOp::AllEq, nullptr>;
    case TestOp::AnyNe: return &compare<TestOp::AnyNe, nullptr>;
    case TestOp::Lt: return &compare<TestOp::Lt, nullptr>;
    case TestOp::Gt: return &compare<TestOp::Gt, nullptr>;
    case TestOp::Le: return &compare<TestOp::Le, nullptr>;
    case TestOp::Ge: return &compare<TestOp::Ge, nullptr>;
    default: return nullptr;
  }
}

}  // namespace wirelab::decode::filter
