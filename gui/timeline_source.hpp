// The sequence diagrams of chosen TCP streams of a loaded capture, with the capture's socket
// events merged onto the lifelines (decode's tcp_sequence_diagram + Timeline::merge_into,
// the same calls the CLI's -z timeline makes). Large files are read without keeping every
// segment; their streams' segments are then gathered by reading the file once more.
#pragma once
#include <cstdint>
#include <vector>

#include "decode/sequence_item.hpp"

namespace wirelab::gui {

struct LoadedCapture;

std::vector<decode::SequenceDiagram> tcp_diagrams(const LoadedCapture& capture, const std::vector<std::int64_t>& streams);

}  // namespace wirelab::gui
