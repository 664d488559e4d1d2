// -z timeline,N: a text sequence diagram of TCP stream N, one row per segment (arrow with
// tshark's flow-graph label), both endpoints' RFC 9293 states after it (a '*' marks the
// row where a state changed) and tshark's Seq/Ack comment; socket calls recorded in the
// file sit on their side's lifeline between the packets.
#include <cinttypes>
#include <string>

#include "cli/reports.hpp"
#include "decode/timeline.hpp"
#include "decode/track/tcp_tracker.hpp"

namespace wirelab::cli {

namespace {

constexpr std::size_t kArrowWidth = 44;

std::string arrow(const std::string& label, bool to_right) {
  std::string body = "-- " + label + " ";
  if (body.size() + 2 > kArrowWidth) body.resize(kArrowWidth - 2);
  body.append(kArrowWidth - 2 - body.size(), '-');
  return to_right ? "|" + body + ">" : "<" + body + "|";
}

std::string lifeline_mark(const std::string& label, bool right_side) {
  std::string m = "* " + label;
  if (m.size() > kArrowWidth) m.resize(kArrowWidth);
  if (right_side) return std::string(kArrowWidth - m.size(), ' ') + m;
  return m + std::string(kArrowWidth - m.size(), ' ');
}

std::string state_cell(decode::TcpState s, bool changed) {
  std::string c(decode::to_string(s));
  if (changed) c += '*';
  return c;
}

}  // namespace

void print_timeline(const decode::Trackers& t, std::int64_t stream, const std::vector<decode::SocketEvent>& events,
                    std::FILE* out) {
  std::fprintf(out, "================================================================================\n");
  const decode::TcpConnection* c = t.tcp().stream(stream);
  if (!c) {
    std::fprintf(out, "Timeline: no TCP stream %" PRId64 " in this capture\n", stream);
    std::fprintf(out, "================================================================================\n");
    return;
  }
  decode::SequenceDiagram d = decode::tcp_sequence_diagram(*c);
  decode::Timeline::merge_into(d, events);
  std::fprintf(out, "Timeline: %s\n", d.title.c_str());
  std::fprintf(out, "handshake: %.*s", static_cast<int>(to_string(c->handshake()).size()), to_string(c->handshake()).data());
  if (c->handshake_rtt_ns() > 0) std::fprintf(out, " (rtt %.3f ms)", static_cast<double>(c->handshake_rtt_ns()) / 1e6);
  std::fprintf(out, "   teardown: %.*s", static_cast<int>(to_string(c->teardown()).size()), to_string(c->teardown()).data());
  if (const auto* h = c->time_wait_holder()) {
    std::fprintf(out, "   TIME-WAIT: %s for %.0f s (2 x MSL, MSL = %.0f s)", h == &c->client() ? "client" : "server",
                 2.0 * static_cast<double>(decode::kLinuxMslNs) / 1e9, static_cast<double>(decode::kLinuxMslNs) / 1e9);
  }
  std::fprintf(out, "\nstates before the first packet: client %.*s, server %.*s\n",
               static_cast<int>(to_string(c->client().history.front().to).size()),
               to_string(c->client().history.front().to).data(),
               static_cast<int>(to_string(c->server().history.front().to).size()),
               to_string(c->server().history.front().to).data());
  std::fprintf(out, "\n%6s %12s  %-*s  %-14s %-14s %s\n", "frame", "time", static_cast<int>(kArrowWidth),
               ("client " + d.nodes[0].address + "  ->  server " + d.nodes[1].address).c_str(), "client state",
               "server state", "comment");
  const std::int64_t t0 = t.first_ts_ns();
  std::array<decode::TcpState, 2> prev{c->client().history.front().to, c->server().history.front().to};
  for (const decode::SequenceItem& it : d.items) {
    const double secs = static_cast<double>(it.time_ns - t0) / 1e9;
    std::string frame = it.kind == decode::SequenceItemKind::Packet ? std::to_string(it.frame) : "";
    std::string picture = it.kind == decode::SequenceItemKind::Packet ? arrow(it.label, it.src_node == 0)
                                                                      : lifeline_mark(it.label, it.src_node == 1);
    const bool ch0 = it.kind == decode::SequenceItemKind::Packet && it.state_after[0] != prev[0];
    const bool ch1 = it.kind == decode::SequenceItemKind::Packet && it.state_after[1] != prev[1];
    std::fprintf(out, "%6s %12.6f  %s  %-14s %-14s %s\n", frame.c_str(), secs, picture.c_str(),
                 state_cell(it.state_after[0], ch0).c_str(), state_cell(it.state_after[1], ch1).c_str(),
                 it.comment.c_str());
    if (it.kind == decode::SequenceItemKind::Packet) prev = it.state_after;
    if (!it.phase_mark.empty()) std::fprintf(out, "%21s-- %s --\n", "", it.phase_mark.c_str());
  }
  std::fprintf(out, "================================================================================\n");
}

}  // namespace wirelab::cli
