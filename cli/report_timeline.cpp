// -z timeline,N: the sequence diagram of TCP stream N, one row per segment (arrow with
// tshark's flow-graph label), both endpoints' RFC 9293 states after it (a '*' marks the
// row where a state changed) and tshark's Seq/Ack comment; socket calls recorded in the
// file sit on their side's lifeline between the packets. -z timeline,udp|tftp|icmp,N: the
// same for a UDP flow, a TFTP transfer or an ICMP echo session (no states there).
// --diagram plantuml|mermaid|svg writes the diagram in that format instead of the text
// (decode/diagram_*.hpp: the writers the GUI's export uses too).
#include <cinttypes>
#include <string>

#include "cli/reports.hpp"
#include "decode/timeline.hpp"
#include "decode/track/tcp_tracker.hpp"

namespace wirelab::cli {

namespace {

constexpr const char* kRule = "================================================================================\n";

void print_missing(const std::string& what, decode::DiagramFormat format, std::FILE* out) {
  // Diagram formats go to files and renderers: say it on stderr, print nothing they would choke on.
  if (format != decode::DiagramFormat::Text) {
    std::fprintf(stderr, "wirelab-cli: -z timeline: no %s in this capture\n", what.c_str());
    return;
  }
  std::fprintf(out, "%sTimeline: no %s in this capture\n%s", kRule, what.c_str(), kRule);
}

}  // namespace

void print_timeline(const decode::Trackers& t, std::int64_t stream, const std::vector<decode::SocketEvent>& events,
                    decode::DiagramFormat format, std::FILE* out) {
  const decode::TcpConnection* c = t.tcp().stream(stream);
  if (!c) {
    print_missing("TCP stream " + std::to_string(stream), format, out);
    return;
  }
  decode::SequenceDiagram d = decode::tcp_sequence_diagram(*c);
  decode::Timeline::merge_into(d, events);
  d.time_origin_ns = t.first_ts_ns();
  std::fputs(decode::write_diagram(d, format).c_str(), out);
}

void print_datagram_timeline(const decode::Trackers& t, const decode::DatagramTimeline& timeline,
                             const std::vector<decode::SocketEvent>& events, decode::DiagramFormat format, std::FILE* out) {
  if (!timeline.exists(t)) {
    using K = decode::DatagramTimeline::Kind;
    const K k = timeline.kind();
    print_missing(std::string(k == K::Udp ? "UDP stream " : k == K::Tftp ? "TFTP transfer " : "ICMP echo session ") +
                      std::to_string(timeline.index()),
                  format, out);
    return;
  }
  decode::SequenceDiagram d = timeline.diagram(t);
  decode::Timeline::merge_into(d, events);
  std::fputs(decode::write_diagram(d, format).c_str(), out);
}

}  // namespace wirelab::cli
