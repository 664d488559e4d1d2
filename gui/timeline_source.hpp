// The sequence diagrams of chosen TCP streams of a loaded capture, with the capture's socket
// events merged onto the lifelines (decode's tcp_sequence_diagram + Timeline::merge_into,
// the same calls the CLI's -z timeline makes). Large files are read without keeping every
// segment; their streams' segments are then gathered by reading the file once more.
// UDP, TFTP and ICMP conversations are drawn the same way, without states.
#pragma once
#include <cstdint>
#include <vector>

#include "decode/datagram_timeline.hpp"
#include "decode/sequence_item.hpp"

namespace wirelab::gui {

struct LoadedCapture;
class PacketStore;

std::vector<decode::SequenceDiagram> tcp_diagrams(const LoadedCapture& capture, const std::vector<std::int64_t>& streams);

// The diagrams of UDP flows, TFTP transfers or ICMP echo sessions (decode's DatagramTimeline,
// as the CLI's -z timeline,udp|tftp|icmp,N), built from the packets in the store: only those
// the trackers' annotations (or, for ICMP, the row class) put in a wanted conversation are
// decoded again.
std::vector<decode::SequenceDiagram> datagram_diagrams(const LoadedCapture& capture, const PacketStore& store,
                                                       decode::DatagramTimeline::Kind kind,
                                                       const std::vector<std::int64_t>& indexes);

}  // namespace wirelab::gui
