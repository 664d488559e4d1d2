// A field named in a filter, optionally sliced (`eth.src[0:3]`): gathers the field's
// occurrences in one packet and turns each into a Scalar. Storage is reused from packet to
// packet, so evaluating allocates nothing once the buffers have grown.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "decode/filter/scalar.hpp"
#include "decode/fields.hpp"

namespace wirelab::decode::filter {

// One item of a slice spec: [i:n] n bytes from i, [i-j] i..j inclusive, [i:] to the end,
// [i] one byte. Negative offsets count from the end.
struct SliceRange {
  enum class Kind : std::uint8_t { Length, Through, ToEnd, One };
  Kind kind = Kind::One;
  std::int64_t start = 0;
  std::int64_t value = 0;  // Length: count; Through: last offset
};

class FieldOperand {
 public:
  FieldOperand() = default;
  FieldOperand(const FieldDef& def, std::vector<SliceRange> slice)
      : def_(&def), registry_(&FieldRegistry::instance()), slice_(std::move(slice)) {}

  const FieldDef& def() const { return *def_; }
  bool sliced() const { return !slice_.empty(); }
  ValueKind kind() const { return sliced() ? ValueKind::Bytes : kind_of(def_->type); }

  // Gathers this packet's occurrences; returns how many.
  std::size_t collect(const FieldContext& ctx) const {
    values_.clear();
    bool known = false;  // (sll fields read SLL2 layers too; neither is in a known shape)
    if (!ctx.packet.layers.only_layer(def_->proto, known) && known) return 0;  // no layer of its protocol
    if (def_->type == FieldType::Protocol) collect_protocol(ctx);
    else registry_->extract(*def_, ctx, values_);
    return values_.size();
  }
  // The occurrences gathered by the last collect().
  const FieldValues& values() const { return values_; }
  // Occurrence i as a Scalar; false when a slice does not fit in it. Views stay valid until
  // the next call on this operand.
  bool scalar(const FieldContext& ctx, std::size_t i, Scalar& out) const;

 private:
  void collect_protocol(const FieldContext& ctx) const;
  bool apply_slice(Bytes whole, Bytes& out) const;

  const FieldDef* def_ = nullptr;
  const FieldRegistry* registry_ = nullptr;
  std::vector<SliceRange> slice_;
  mutable FieldValues values_;
  mutable std::array<std::byte, 16> address_bytes_{};
  mutable std::vector<std::byte> slice_bytes_;
};

}  // namespace wirelab::decode::filter
