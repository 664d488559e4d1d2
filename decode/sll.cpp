#include "decode/sll.hpp"

namespace wirelab::decode {

Result<SllView, DecodeError> sll(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < SllView::kHeaderLen)
    return DecodeError{.layer = Proto::Sll, .kind = ErrorKind::Truncated, .field = "sll.etype",
                       .offset = frame_offset, .required = SllView::kHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return SllView{b};
}

Result<Sll2View, DecodeError> sll2(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < Sll2View::kHeaderLen)
    return DecodeError{.layer = Proto::Sll2, .kind = ErrorKind::Truncated, .field = "sll.src.other",
                       .offset = frame_offset, .required = Sll2View::kHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return Sll2View{b};
}

}  // namespace wirelab::decode
