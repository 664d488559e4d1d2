#include "decode/null_loopback.hpp"

namespace wirelab::decode {

Result<NullView, DecodeError> null_loopback(Bytes b, std::uint32_t frame_offset, bool network_order) {
  if (b.size() < NullView::kHeaderLen)
    return DecodeError{.layer = Proto::Null, .kind = ErrorKind::Truncated, .field = "null.family",
                       .offset = frame_offset, .required = NullView::kHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return NullView{.bytes = b, .network_order = network_order};
}

Proto proto_for_address_family(std::uint32_t family) {
  switch (family) {
    case 2: return Proto::Ipv4;
    case 24:
    case 28:
    case 30: return Proto::Ipv6;
    default: return Proto::Data;
  }
}

}  // namespace wirelab::decode
