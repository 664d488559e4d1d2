// Dissector steps for IPv4 (with fragment reassembly), IPv6 and its extension headers, ICMP
// and ICMPv6 (with the quoted datagram of error messages).
#include "decode/dispatch.hpp"
#include "decode/dissect_steps.hpp"
#include "decode/icmp.hpp"
#include "decode/ipv4.hpp"
#include "decode/ipv6.hpp"

namespace wirelab::decode {
namespace {

// What follows an IPv6 header or extension header with this next-header value.
Proto after_ipv6_header(std::uint8_t next_header) {
  const Proto ext = ipv6_ext_proto(next_header);
  if (ext != Proto::Data) return ext;
  if (next_header == ip_protocol::kNoNext) return Proto::Data;
  const Proto p = proto_for_ip_protocol(next_header);
  return p == Proto::Icmp ? Proto::Data : p;  // ICMPv4 inside IPv6 is not a thing
}

// The quoted datagram of an ICMP error is decoded once, one level deep (as tshark does).
Cursor quoted(const Cursor& c, Proto ip, std::uint32_t header_len, std::uint32_t payload_len) {
  Cursor q = after(c, ip, header_len, payload_len);
  q.depth = static_cast<std::uint8_t>(c.depth + 1);
  return q;
}

}  // namespace

Cursor step_ipv4(Walk& w, const Cursor& c) {
  const Bytes b = w.bytes(c);
  auto r = ipv4(b, c.offset);
  if (!r) return w.partial(c, Proto::Ipv4, r.error());
  const Ipv4View& ip = *r;
  const auto len = u32(ip.bytes.size());
  const std::uint32_t hlen = ip.header_len();
  const std::uint32_t claimed = ip.total_len() == 0 ? len : ip.total_len();
  if (!w.push(c, Proto::Ipv4, len, hlen, 0, claimed)) return kStop;
  if (claimed > b.size() && c.depth == 0)
    w.note(DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Truncated, .field = "ip.len",
                       .offset = c.offset + 2, .required = claimed, .available = u32(b.size()),
                       .len_source = "ip.len"});
  const std::uint32_t payload = len - hlen;
  if (ip.is_fragment()) {
    // Whole fragments at the top level take part in reassembly. Like tshark, a fragment that
    // cannot (cut by the snap length, or quoted in an ICMP error) is decoded further when it
    // is the first one, and shown as data otherwise.
    if (c.depth == 0 && c.source == 0 && claimed == len && len > hlen) {
      const Fragment f{.key = {.src = ip.src(), .dst = ip.dst(), .id = ip.id(), .protocol = ip.protocol()},
                       .offset = ip.frag_offset_bytes(),
                       .more = ip.flag_mf(),
                       .payload = ip.payload(),
                       .ts_ns = w.p.ts_ns};
      if (w.state.reassembler.add(f, w.p.reassembled)) {
        const auto whole = u32(w.p.reassembled.size());
        const Proto next = proto_for_ip_protocol(ip.protocol());
        return Cursor{.next = next == Proto::Icmpv6 ? Proto::Data : next, .source = 1, .depth = 0, .offset = 0,
                      .length = whole, .claimed = whole};
      }
      return after(c, Proto::Data, hlen, payload);
    }
    if (ip.frag_offset_units() != 0) return after(c, Proto::Data, hlen, payload);
  }
  const Proto next = proto_for_ip_protocol(ip.protocol());
  return after(c, next == Proto::Icmpv6 ? Proto::Data : next, hlen, payload, claimed - hlen);
}

Cursor step_ipv6(Walk& w, const Cursor& c) {
  const Bytes b = w.bytes(c);
  auto r = ipv6(b, c.offset);
  if (!r) return w.fail(r.error());
  const Ipv6View& ip = *r;
  const auto len = u32(ip.bytes.size());
  if (!w.push(c, Proto::Ipv6, len, Ipv6View::kHeaderLen)) return kStop;
  const std::uint32_t claimed = ip.payload_len() == 0 ? len : Ipv6View::kHeaderLen + ip.payload_len();
  if (claimed > b.size() && c.depth == 0)
    w.note(DecodeError{.layer = Proto::Ipv6, .kind = ErrorKind::Truncated, .field = "ipv6.plen",
                       .offset = c.offset + 4, .required = claimed, .available = u32(b.size()),
                       .len_source = "ipv6.plen"});
  return after(c, after_ipv6_header(ip.next_header()), Ipv6View::kHeaderLen, len - Ipv6View::kHeaderLen,
               claimed - Ipv6View::kHeaderLen);
}

Cursor step_ipv6_ext(Walk& w, const Cursor& c) {
  auto r = ipv6_ext(w.bytes(c), c.offset, c.next);
  if (!r) return w.fail(r.error());
  const Ipv6ExtView& ext = *r;
  const std::uint32_t hlen = ext.header_len();
  if (!w.push(c, c.next, c.length, hlen)) return kStop;
  const std::uint32_t claimed = c.claimed > hlen ? c.claimed - hlen : 0;
  // IPv6 fragments are not reassembled: a fragment's payload shows as data.
  if (c.next == Proto::Ipv6Fragment && (ext.frag_offset_units() != 0 || ext.more_fragments()))
    return after(c, Proto::Data, hlen, c.length - hlen, claimed);
  return after(c, after_ipv6_header(ext.next_header()), hlen, c.length - hlen, claimed);
}

Cursor step_icmp(Walk& w, const Cursor& c) {
  auto r = icmp(w.bytes(c), c.offset);
  if (!r) return w.fail(r.error());  // tshark shows no ICMP field below 4 bytes
  const IcmpView& m = *r;
  const std::uint32_t hlen = m.header_len();
  if (!w.push(c, Proto::Icmp, c.length, hlen)) return kStop;
  if (!m.has_rest())
    return w.fail(DecodeError{.layer = Proto::Icmp, .kind = ErrorKind::Truncated, .field = "icmp.seq",
                              .offset = c.offset + IcmpView::kMinHeaderLen, .required = IcmpView::kHeaderLen,
                              .available = c.length});
  const std::uint32_t payload = c.length - hlen;
  if (payload == 0) return kStop;
  if (icmp_is_error(m.type()) && c.depth == 0) return quoted(c, Proto::Ipv4, hlen, payload);
  return after(c, Proto::Data, hlen, payload);
}

Cursor step_icmpv6(Walk& w, const Cursor& c) {
  auto r = icmpv6(w.bytes(c), c.offset);
  if (!r) return w.fail(r.error());
  const std::uint8_t type = r->type();
  const bool echo = type == 128 || type == 129;
  const bool error = type >= 1 && type <= 4;
  // Echo and error messages have a 4-byte word after the checksum, then data or the quoted
  // packet; the other messages (neighbour discovery, MLD, ...) are shown as one block.
  const std::uint32_t hlen = (echo || error) && c.length >= 8 ? 8 : c.length;
  if (!w.push(c, Proto::Icmpv6, c.length, hlen)) return kStop;
  const std::uint32_t payload = c.length - hlen;
  if (payload == 0) return kStop;
  if (error && c.depth == 0) return quoted(c, Proto::Ipv6, hlen, payload);
  return after(c, Proto::Data, hlen, payload);
}

}  // namespace wirelab::decode
