// Integer fields a filter can read straight out of one layer, without the registry's general
// extractor and its FieldValues: the fields of typical filters (`ip.dst == X`, `udp.port == Y`,
// `tcp.flags.syn == 1`, `tcp.stream eq 3`). A reader gives exactly the values the field's
// extractor gives for that layer (filter_direct_reader_test checks every one over the corpus).
// For such a field, a comparison with a literal compiles to an IntegerTest run by a routine
// with the reader inlined: no FieldValues, no call through the registry, no call per layer.
#pragma once
#include <cstdint>

#include "decode/fields.hpp"
#include "decode/filter/test_op.hpp"

namespace wirelab::decode::filter {

// Writes the field's occurrences in `layer` (at most 2: either-side fields like tcp.port give
// source then destination) to `out`; returns how many.
using DirectReader = int (*)(const FieldContext& ctx, const Layer& layer, std::uint64_t out[2]);

// A compiled integer test: occurrences compare as 64-bit keys, `(u ^ key_xor) & key_mask`
// (or their truth for booleans), against `literal` (already a key).
struct IntegerTest {
  Proto proto = Proto::Frame;  // the layers the field is read from
  DirectReader read = nullptr;
  bool truth = false;
  std::uint64_t key_xor = 0;
  std::uint64_t key_mask = ~std::uint64_t{0};
  std::uint64_t literal = 0;
};
using IntegerRoutine = bool (*)(const IntegerTest& t, const FieldContext& ctx);

// The direct reader of an integer, boolean or IPv4 field, or nullptr when it has none.
DirectReader direct_reader(const FieldDef& def);
// The routine evaluating `def OP literal` (Op Exists: `def` alone), or nullptr when the field
// has no reader or the operator is not an integer comparison.
IntegerRoutine direct_routine(const FieldDef& def, TestOp op);

}  // namespace wirelab::decode::filter
