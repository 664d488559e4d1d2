#include "decode/tcp.hpp"

namespace wirelab::decode {

Result<TcpView, DecodeError> tcp(Bytes b, std::uint32_t frame_offset) {
  const auto avail = static_cast<std::uint32_t>(b.size());
  if (avail < TcpView::kMinHeaderLen)
    return DecodeError{.layer = Proto::Tcp, .kind = ErrorKind::Truncated, .field = "tcp.hdr_len",
                       .offset = frame_offset, .required = TcpView::kMinHeaderLen, .available = avail};
  const std::uint32_t hlen = (load_u8(b, 12) >> 4) * 4u;
  if (hlen < TcpView::kMinHeaderLen)
    return DecodeError{.layer = Proto::Tcp, .kind = ErrorKind::Invalid, .field = "tcp.hdr_len",
                       .offset = frame_offset + 12, .required = TcpView::kMinHeaderLen, .available = hlen};
  if (avail < hlen)
    return DecodeError{.layer = Proto::Tcp, .kind = ErrorKind::Truncated, .field = "tcp.options",
                       .offset = frame_offset + TcpView::kMinHeaderLen, .required = hlen, .available = avail,
                       .len_source = "tcp.hdr_len"};
  return TcpView{b};
}

}  // namespace wirelab::decode
