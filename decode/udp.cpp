#include "decode/udp.hpp"

namespace wirelab::decode {

Result<UdpView, DecodeError> udp(Bytes b, std::uint32_t frame_offset) {
  const auto avail = static_cast<std::uint32_t>(b.size());
  if (avail < UdpView::kHeaderLen)
    return DecodeError{.layer = Proto::Udp, .kind = ErrorKind::Truncated, .field = "udp.length",
                       .offset = frame_offset, .required = UdpView::kHeaderLen, .available = avail};
  const std::uint16_t claimed = load_be16(b, 4);
  if (claimed == 0) return UdpView{b};
  if (claimed < UdpView::kHeaderLen)
    return DecodeError{.layer = Proto::Udp, .kind = ErrorKind::Invalid, .field = "udp.length",
                       .offset = frame_offset + 4, .required = UdpView::kHeaderLen, .available = claimed};
  return UdpView{b.first(claimed < avail ? claimed : avail)};
}

}  // namespace wirelab::decode
