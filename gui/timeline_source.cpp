#include "gui/timeline_source.hpp"

#include "capture/packet_stream.hpp"
#include "decode/timeline.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "gui/capture_loader.hpp"

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

}  // namespace wirelab::gui
