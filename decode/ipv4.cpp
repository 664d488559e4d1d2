#include "decode/ipv4.hpp"

namespace wirelab::decode {

Result<Ipv4View, DecodeError> ipv4(Bytes b, std::uint32_t frame_offset) {
  const auto avail = static_cast<std::uint32_t>(b.size());
  if (avail < 1)
    return DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Truncated, .field = "ip.version",
                       .offset = frame_offset, .required = 1, .available = avail};
  const std::uint8_t version = load_u8(b, 0) >> 4;
  if (version != 4)
    return DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Invalid, .field = "ip.version",
                       .offset = frame_offset, .required = 4, .available = version};
  const std::uint32_t hlen = (load_u8(b, 0) & 0x0fu) * 4u;
  if (hlen < Ipv4View::kMinHeaderLen)
    return DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Invalid, .field = "ip.hdr_len",
                       .offset = frame_offset, .required = Ipv4View::kMinHeaderLen, .available = hlen};
  if (avail < Ipv4View::kMinHeaderLen)
    return DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Truncated, .field = "ip.dst",
                       .offset = frame_offset, .required = Ipv4View::kMinHeaderLen, .available = avail};
  const std::uint16_t total = load_be16(b, 2);
  if (total != 0 && total < hlen)
    return DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Invalid, .field = "ip.len",
                       .offset = frame_offset + 2, .required = hlen, .available = total,
                       .len_source = "ip.hdr_len"};
  if (avail < hlen)
    return DecodeError{.layer = Proto::Ipv4, .kind = ErrorKind::Truncated, .field = "ip.hdr_len",
                       .offset = frame_offset, .required = hlen, .available = avail,
                       .len_source = "ip.hdr_len"};
  const std::uint32_t claimed = total == 0 ? avail : total;
  return Ipv4View{b.first(claimed < avail ? claimed : avail)};
}

bool Ipv4OptionIterator::next(Ipv4Option& out) {
  if (done_ || pos_ >= options_.size()) return false;
  out = Ipv4Option{.type = load_u8(options_, pos_), .offset = static_cast<std::uint32_t>(pos_ + 20)};
  if (out.type == ipv4_option::kEol || out.type == ipv4_option::kNop) {
    ++pos_;
    if (out.type == ipv4_option::kEol) done_ = true;
    return true;
  }
  const std::size_t left = options_.size() - pos_;
  const std::uint8_t len = left >= 2 ? load_u8(options_, pos_ + 1) : 0;
  if (len < 2 || len > left) {
    out.length = 0;
    out.malformed = true;
    out.data = options_.subspan(pos_ + (left >= 2 ? 2 : 1));
    pos_ = options_.size();
    return true;
  }
  out.length = len;
  out.data = options_.subspan(pos_ + 2, len - 2u);
  pos_ += len;
  return true;
}

std::string_view ipv4_option_name(std::uint8_t type) {
  switch (type) {
    case 0: return "End of Options List (EOL)";
    case 1: return "No Operation (NOP)";
    case 7: return "Record Route";
    case 68: return "Time Stamp";
    case 131: return "Loose Source Route";
    case 137: return "Strict Source Route";
    case 130: return "Security";
    case 136: return "Stream ID";
    case 148: return "Router Alert";
    case 82: return "Traceroute";
    default: return "Unknown";
  }
}

std::uint16_t internet_checksum(Bytes b, std::uint32_t initial) {
  std::uint64_t sum = initial;
  std::size_t i = 0;
  for (; i + 1 < b.size(); i += 2) sum += load_be16(b, i);
  if (i < b.size()) sum += static_cast<std::uint32_t>(load_u8(b, i)) << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

}  // namespace wirelab::decode
