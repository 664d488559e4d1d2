#include "decode/ethernet.hpp"

#include <cstdio>

namespace wirelab::decode {

Result<EthernetView, DecodeError> ethernet(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < EthernetView::kHeaderLen)
    return DecodeError{.layer = Proto::Eth, .kind = ErrorKind::Truncated, .field = "eth.type",
                       .offset = frame_offset, .required = EthernetView::kHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return EthernetView{b};
}

std::string mac_text(const std::array<std::uint8_t, 6>& m) {
  char b[18];
  std::snprintf(b, sizeof b, "%02x:%02x:%02x:%02x:%02x:%02x", unsigned{m[0]}, unsigned{m[1]}, unsigned{m[2]},
                unsigned{m[3]}, unsigned{m[4]}, unsigned{m[5]});
  return b;
}

std::string mac_text(Bytes six) {
  std::array<std::uint8_t, 6> m{};
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<std::uint8_t>(six[i]);
  return mac_text(m);
}

Result<VlanView, DecodeError> vlan(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < VlanView::kHeaderLen)
    return DecodeError{.layer = Proto::Vlan, .kind = ErrorKind::Truncated, .field = "vlan.etype",
                       .offset = frame_offset, .required = VlanView::kHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return VlanView{b};
}

}  // namespace wirelab::decode
