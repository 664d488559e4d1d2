#include "decode/ipv6.hpp"

namespace wirelab::decode {

Result<Ipv6View, DecodeError> ipv6(Bytes b, std::uint32_t frame_offset) {
  const auto avail = static_cast<std::uint32_t>(b.size());
  if (avail < 1)
    return DecodeError{.layer = Proto::Ipv6, .kind = ErrorKind::Truncated, .field = "ipv6.version",
                       .offset = frame_offset, .required = 1, .available = avail};
  const std::uint8_t version = load_u8(b, 0) >> 4;
  if (version != 6)
    return DecodeError{.layer = Proto::Ipv6, .kind = ErrorKind::Invalid, .field = "ipv6.version",
                       .offset = frame_offset, .required = 6, .available = version};
  if (avail < Ipv6View::kHeaderLen)
    return DecodeError{.layer = Proto::Ipv6, .kind = ErrorKind::Truncated, .field = "ipv6.dst",
                       .offset = frame_offset, .required = Ipv6View::kHeaderLen, .available = avail};
  const std::uint32_t plen = load_be16(b, 4);
  if (plen == 0) return Ipv6View{b};
  const std::uint32_t claimed = Ipv6View::kHeaderLen + plen;
  return Ipv6View{b.first(claimed < avail ? claimed : avail)};
}

Result<Ipv6ExtView, DecodeError> ipv6_ext(Bytes b, std::uint32_t frame_offset, Proto layer) {
  const auto avail = static_cast<std::uint32_t>(b.size());
  const char* field = layer == Proto::Ipv6Fragment ? "ipv6.fraghdr.ident"
                      : layer == Proto::Ipv6Routing ? "ipv6.routing.len"
                      : layer == Proto::Ipv6HopOpts ? "ipv6.hopopts.len"
                                                     : "ipv6.dstopts.len";
  if (avail < 8)
    return DecodeError{.layer = layer, .kind = ErrorKind::Truncated, .field = field, .offset = frame_offset,
                       .required = 8, .available = avail};
  const std::uint32_t len = layer == Proto::Ipv6Fragment ? 8u : (load_u8(b, 1) + 1u) * 8u;
  if (avail < len)
    return DecodeError{.layer = layer, .kind = ErrorKind::Truncated, .field = field, .offset = frame_offset + 1,
                       .required = len, .available = avail, .len_source = field};
  return Ipv6ExtView{b.first(len)};
}

Proto ipv6_ext_proto(std::uint8_t next_header) {
  switch (next_header) {
    case ip_protocol::kHopOpts: return Proto::Ipv6HopOpts;
    case ip_protocol::kRouting: return Proto::Ipv6Routing;
    case ip_protocol::kFragment: return Proto::Ipv6Fragment;
    case ip_protocol::kDstOpts: return Proto::Ipv6DstOpts;
    default: return Proto::Data;
  }
}

}  // namespace wirelab::decode
