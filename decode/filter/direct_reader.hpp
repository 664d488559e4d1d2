// Integer fields a filter can read straight out of one layer, without the registry's general
// extractor and its FieldValues: the fields of typical filters (`ip.dst == X`, `udp.port == Y`,
// `tcp.flags.syn == 1`, `tcp.stream eq 3`). A reader gives exactly the values the field's
// extractor gives for that layer (filter_direct_reader_test checks every one over the corpus).
#pragma once
#include <cstdint>

#include "decode/fields.hpp"

namespace wirelab::decode::filter {

// Writes the field's occurrences in `layer` (at most 2: either-side fields like tcp.port give
// source then destination) to `out`; returns how many.
using DirectReader = int (*)(const FieldContext& ctx, const Layer& layer, std::uint64_t out[2]);

// The direct reader of an integer, boolean or IPv4 field, or nullptr when it has none.
DirectReader direct_reader(const FieldDef& def);

}  // namespace wirelab::decode::filter
