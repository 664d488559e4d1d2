// Dissector steps for TCP, UDP and TFTP (on port 69 and on the ports of a transfer whose
// request the dissector saw).
#include <charconv>

#include "decode/dissect_steps.hpp"
#include "decode/ipv4.hpp"
#include "decode/ipv6.hpp"
#include "decode/tcp.hpp"
#include "decode/tftp.hpp"
#include "decode/udp.hpp"

namespace wirelab::decode {
namespace {

// Addresses and ports of the UDP datagram on top of the layer list (the last Udp layer and
// the IP layer before it).
TftpRequestMemory::Endpoints udp_endpoints(const Packet& p) {
  TftpRequestMemory::Endpoints e;
  std::size_t i = p.layers.size();
  while (i-- > 0 && p.layers[i].proto != Proto::Udp) {
  }
  if (i >= p.layers.size()) return e;
  const UdpView u{p.bytes_of(p.layers[i])};
  e.src_port = u.src_port();
  e.dst_port = u.dst_port();
  while (i-- > 0) {
    const Layer& l = p.layers[i];
    if (l.proto == Proto::Ipv4) {
      const Ipv4View ip{p.bytes_of(l)};
      e.src = IpAddress::from(ip.bytes.subspan(12, 4));
      e.dst = IpAddress::from(ip.bytes.subspan(16, 4));
      break;
    }
    if (l.proto == Proto::Ipv6) {
      const Ipv6View ip{p.bytes_of(l)};
      e.src = IpAddress::from(ip.src());
      e.dst = IpAddress::from(ip.dst());
      break;
    }
  }
  return e;
}

// The blksize an OACK accepted, or 0.
std::uint32_t oack_block_size(const TftpView& v) {
  TftpStringReader strings = v.strings();
  std::string_view name, value;
  std::uint32_t off = 0, len = 0;
  while (strings.next(name, off, len)) {
    if (!strings.next(value, off, len)) break;
    if (name.size() == 7 && (name == "blksize" || name == "BLKSIZE")) {
      std::uint32_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec == std::errc{} && n > 0) return n;
    }
  }
  return 0;
}

}  // namespace

Cursor step_tcp(Walk& w, const Cursor& c) {
  const Bytes b = w.bytes(c);
  auto r = tcp(b, c.offset);
  // A header cut short (e.g. the 8 bytes of TCP an ICMP error quotes) keeps what is there.
  if (!r) return w.partial(c, Proto::Tcp, r.error());
  const std::uint32_t hlen = r->header_len();
  if (!w.push(c, Proto::Tcp, c.length, hlen)) return kStop;
  return after(c, Proto::Data, hlen, c.length - hlen);
}

Cursor step_udp(Walk& w, const Cursor& c) {
  const Bytes b = w.bytes(c);
  auto r = udp(b, c.offset);
  if (!r) return w.partial(c, Proto::Udp, r.error());
  const UdpView& u = *r;
  const auto len = u32(u.bytes.size());
  if (!w.push(c, Proto::Udp, len, UdpView::kHeaderLen, 0, u.length() ? u.length() : c.claimed)) return kStop;
  if (c.depth == 0 && u.length() > c.claimed)
    w.note(DecodeError{.layer = Proto::Udp, .kind = ErrorKind::LengthMismatch, .field = "udp.length",
                       .offset = c.offset + 4, .required = u.length(), .available = c.claimed,
                       .len_source = "ip.len"});
  const std::uint32_t payload = len - UdpView::kHeaderLen;
  w.tftp_context = nullptr;
  bool is_tftp = u.src_port() == kTftpPort || u.dst_port() == kTftpPort;
  if (c.depth == 0 && !w.state.tftp.empty()) {
    w.tftp_context = w.state.tftp.find(udp_endpoints(w.p));
    is_tftp = is_tftp || w.tftp_context != nullptr;
  }
  return after(c, is_tftp && payload > 0 ? Proto::Tftp : Proto::Data, UdpView::kHeaderLen, payload);
}

Cursor step_tftp(Walk& w, const Cursor& c) {
  auto r = tftp(w.bytes(c), c.offset);
  if (!r) {
    if (r.error().kind == ErrorKind::Invalid) return step_data(w, c);  // not TFTP after all
    return w.fail(r.error());
  }
  const TftpView& v = *r;
  const TftpOpcode op = v.op();
  if ((op == TftpOpcode::Rrq || op == TftpOpcode::Wrq) && c.depth == 0) {
    TftpStringReader strings = v.strings();
    std::string_view file;
    std::uint32_t off = 0, len = 0;
    if (strings.next(file, off, len))
      w.state.tftp.remember_request(udp_endpoints(w.p), file, op == TftpOpcode::Wrq, w.p.number);
  } else if (w.tftp_context) {
    Packet& p = w.p;
    p.tftp.known = true;
    p.tftp.file.assign(w.tftp_context->file);
    p.tftp.request_frame = w.tftp_context->request_frame;
    p.tftp.write = w.tftp_context->write;
    p.tftp.block_size = w.tftp_context->block_size;
    if (op == TftpOpcode::Oack)
      if (const std::uint32_t blksize = oack_block_size(v)) {
        w.state.tftp.set_block_size(udp_endpoints(p), blksize);
        p.tftp.block_size = blksize;
      }
  }
  const std::uint32_t hlen = v.header_len();
  if (!w.push(c, Proto::Tftp, c.length, hlen)) return kStop;
  return after(c, Proto::Data, hlen, c.length - hlen);
}

}  // namespace wirelab::decode
