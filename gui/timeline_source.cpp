#include "gui/timeline_source.hpp"

#include <algorithm>

#include "capture/packet_stream.hpp"
#include "decode/timeline.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "gui/capture_loader.hpp"
#include "gui/packet_store.hpp"

namespace wirelab::gui {

namespace {
std::vector<decode::SequenceDiagram> build(const decode::Trackers& t, const std::vector<std::int64_t>& streams,
                                           const std::vector<decode::SocketEvent>& events) {
  std::vector<decode::SequenceDiagram> out;
  for (const std::int64_t s : streams)
    if (const decode::TcpConnection* c = t.tcp().stream(s)) {
      out.push_back(decode::tcp_sequence_diagram(*c));
      decode::Timeline::merge_into(out.back(), events);
    }
  return out;
}
}  // namespace

std::vector<decode::SequenceDiagram> tcp_diagrams(const LoadedCapture& capture, const std::vector<std::int64_t>& streams) {
  if (capture.sequences_recorded && capture.trackers) return build(*capture.trackers, streams, capture.events);
  auto again = capture::PacketStream::open(capture.path);
  if (!again) return {};
  if (streams.size() == 1) again->trackers().record_sequence_of(streams.front());
  else again->trackers().record_sequences(true);
  while (again->next()) {
  }
  return build(again->trackers(), streams, capture.events);
}

std::vector<decode::SequenceDiagram> datagram_diagrams(const LoadedCapture& capture, const PacketStore& store,
                                                       decode::DatagramTimeline::Kind kind,
                                                       const std::vector<std::int64_t>& indexes) {
  using Kind = decode::DatagramTimeline::Kind;
  if (!capture.trackers) return {};
  std::vector<decode::DatagramTimeline> timelines;
  for (const std::int64_t i : indexes) timelines.emplace_back(kind, i);
  const auto wanted = [&](std::int64_t x) { return std::find(indexes.begin(), indexes.end(), x) != indexes.end(); };
  MaterializedPacket m;
  for (std::size_t row = 0; row < store.size(); ++row) {
    // Cheap checks first: decoding every packet again is what this avoids.
    const decode::PacketAnnotations* n = store.notes(row);
    const bool candidate = kind == Kind::Icmp ? store.record(row).row_class == RowClass::Icmp
                           : kind == Kind::Tftp ? n && wanted(n->tftp_transfer)
                                                : n && (wanted(n->udp_stream) || wanted(n->icmp_quoted_udp_stream));
    if (!candidate) continue;
    store.materialize(row, m);
    for (decode::DatagramTimeline& t : timelines) t.feed(m.context());
  }
  std::vector<decode::SequenceDiagram> out;
  for (const decode::DatagramTimeline& t : timelines) {
    if (!t.exists(*capture.trackers)) continue;
    out.push_back(t.diagram(*capture.trackers));
    decode::Timeline::merge_into(out.back(), capture.events);
  }
  return out;
}

}  // namespace wirelab::gui
