#include "decode/filter/field_operand.hpp"

namespace wirelab::decode::filter {

void FieldOperand::collect_protocol(const FieldContext& ctx) const {
  // A protocol's value is its bytes from its header to the end of its payload, as in
  // Wireshark (`tcp contains "GET"` searches the segment's data too).
  for (const Layer& l : ctx.packet.layers) {
    // SLL2 layers answer to "sll", as in Wireshark (and in FieldRegistry::extract).
    const bool applies = l.proto == def_->proto || (def_->proto == Proto::Sll && l.proto == Proto::Sll2);
    if (!applies) continue;
    FieldValue v;
    v.source = l.source;
    v.offset = l.offset;
    v.length = l.length;
    values_.add(std::move(v));
  }
}

bool FieldOperand::scalar(const FieldContext& ctx, std::size_t i, Scalar& s) const {
  const FieldValue& v = values_[i];
  s = Scalar{};
  Bytes whole;
  switch (def_->type) {
    case FieldType::Protocol: {
      const Bytes src = ctx.packet.source(v.source);
      if (!fits(src, v.offset, v.length)) return false;
      whole = src.subspan(v.offset, v.length);
      break;
    }
    case FieldType::Mac:
    case FieldType::Bytes: whole = v.bytes; break;
    case FieldType::String: whole = v.text.empty() ? v.bytes : as_bytes(v.text); break;
    case FieldType::Ipv4:
      s.u = v.u & 0xffffffffu;
      s.prefix = 32;
      if (slice_.empty()) break;
      for (std::size_t k = 0; k < 4; ++k) address_bytes_[k] = static_cast<std::byte>(s.u >> (24 - 8 * k));
      whole = Bytes(address_bytes_.data(), 4);
      break;
    case FieldType::Ipv6:
      if (v.bytes.size() == 16) {
        for (std::size_t k = 0; k < 16; ++k) s.v6[k] = static_cast<std::uint8_t>(v.bytes[k]);
      } else if (!parse_ipv6(v.text, s.v6)) {
        return false;
      }
      s.prefix = 128;
      for (std::size_t k = 0; k < 16; ++k) address_bytes_[k] = static_cast<std::byte>(s.v6[k]);
      whole = Bytes(address_bytes_.data(), 16);
      break;
    case FieldType::UInt:
    case FieldType::Hex:
    case FieldType::FrameNum:
    case FieldType::Bool: s.u = v.u; break;
    case FieldType::Int:
    case FieldType::AbsTime:
    case FieldType::RelTime: s.i = static_cast<std::int64_t>(v.u); break;
    case FieldType::Double: s.d = v.d; break;
  }
  if (slice_.empty()) {
    s.bytes = whole;
    return true;
  }
  return apply_slice(whole, s.bytes);
}

bool FieldOperand::apply_slice(Bytes whole, Bytes& out) const {
  const auto n = static_cast<std::int64_t>(whole.size());
  auto piece = [&](const SliceRange& r, Bytes& p) {
    const std::int64_t b = r.start < 0 ? n + r.start : r.start;
    std::int64_t e = 0;
    switch (r.kind) {
      case SliceRange::Kind::Length: e = b + r.value; break;
      case SliceRange::Kind::Through: e = (r.value < 0 ? n + r.value : r.value) + 1; break;
      case SliceRange::Kind::ToEnd: e = n; break;
      case SliceRange::Kind::One: e = b + 1; break;
    }
    if (b < 0 || e > n || e <= b) return false;
    p = whole.subspan(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
    return true;
  };
  if (slice_.size() == 1) return piece(slice_[0], out);
  slice_bytes_.clear();
  for (const SliceRange& r : slice_) {
    Bytes p;
    if (!piece(r, p)) return false;
    slice_bytes_.insert(slice_bytes_.end(), p.begin(), p.end());
  }
  out = Bytes(slice_bytes_);
  return true;
}

}  // namespace wirelab::decode::filter
