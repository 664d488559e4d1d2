#include "decode/arp.hpp"

#include <array>

namespace wirelab::decode {

std::string_view to_string(ArpOpcode op) {
  static constexpr std::array<std::string_view, 11> kNames{
      "",          "request",          "reply",         "reverse request", "reverse reply", "drarp-request",
      "drarp-reply", "drarp-error",    "inverse request", "inverse reply", "arp-nak"};
  const auto i = static_cast<std::size_t>(op);
  return i < kNames.size() ? kNames[i] : std::string_view{};
}

Result<ArpView, DecodeError> arp(Bytes b, std::uint32_t frame_offset) {
  const auto avail = static_cast<std::uint32_t>(b.size());
  if (avail < ArpView::kFixedLen)
    return DecodeError{.layer = Proto::Arp, .kind = ErrorKind::Truncated, .field = "arp.opcode",
                       .offset = frame_offset, .required = ArpView::kFixedLen, .available = avail};
  const ArpView v{b};
  if (avail < v.length())
    return DecodeError{.layer = Proto::Arp, .kind = ErrorKind::Truncated, .field = "arp.dst.proto",
                       .offset = frame_offset + ArpView::kFixedLen, .required = v.length(), .available = avail,
                       .len_source = "arp.hw.size"};
  return ArpView{b.first(v.length())};
}

}  // namespace wirelab::decode
