#include "decode/ethernet.hpp"

namespace wirelab::decode {

Result<EthernetView, DecodeError> ethernet(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < EthernetView::kHeaderLen)
    return DecodeError{.layer = Proto::Eth, .kind = ErrorKind::Truncated, .field = "eth.type",
                       .offset = frame_offset, .required = EthernetView::kHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return EthernetView{b};
}

Result<VlanView, DecodeError> vlan(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < VlanView::kHeaderLen)
    return DecodeError{.layer = Proto::Vlan, .kind = ErrorKind::Truncated, .field = "vlan.etype",
                       .offset = frame_offset, .required = VlanView::kHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return VlanView{b};
}

}  // namespace wirelab::decode
