#include "decode/diagram_text.hpp"

#include <cstdio>

#include "decode/diagram_rows.hpp"

namespace wirelab::decode {

namespace {

// Columns between two lifelines (an arrow is one more wide): TCP's labels are short; UDP, TFTP
// and ICMP labels are Info columns and get more room.
constexpr std::size_t kTcpLaneGap = 43;
constexpr std::size_t kInfoLaneGap = 64;
constexpr const char* kRule = "================================================================================\n";

// Where each lifeline sits in the picture column.
struct Lanes {
  std::size_t count = 2;
  std::size_t gap = kTcpLaneGap;
  std::size_t column(std::size_t node) const { return node * gap; }
  std::size_t width() const { return column(count - 1) + 1; }
};

// The lifelines with an arrow from `src` to `dst` labelled `label`.
std::string arrow(const std::string& label, std::size_t src, std::size_t dst, const Lanes& lanes) {
  std::string row(lanes.width(), ' ');
  for (std::size_t n = 0; n < lanes.count; ++n) row[lanes.column(n)] = '|';
  const std::size_t lo = lanes.column(std::min(src, dst)), hi = lanes.column(std::max(src, dst));
  std::string body = "-- " + label + " ";
  const std::size_t room = hi - lo - 1;
  if (body.size() > room) body.resize(room);
  body.append(room - body.size(), '-');
  row.replace(lo + 1, room, body);
  if (src < dst) row[hi] = '>';
  else row[lo] = '<';
  return row;
}

// A socket call on a node's lifeline: "* connect()" at the left edge for the first node,
// against the right edge for the others.
std::string lifeline_mark(const std::string& label, std::size_t node, const Lanes& lanes) {
  const std::size_t width = lanes.width();
  std::string m = "* " + label;
  if (m.size() > width) m.resize(width);
  if (node > 0) return std::string(width - m.size(), ' ') + m;
  return m + std::string(width - m.size(), ' ');
}

std::string state_cell(TcpState s, bool changed) {
  std::string c(to_string(s));
  if (changed) c += '*';
  return c;
}

template <typename... Args>
void append(std::string& out, const char* fmt, Args... args) {
  char buf[512];
  const int n = std::snprintf(buf, sizeof buf, fmt, args...);
  if (n > 0) out.append(buf, std::min(static_cast<std::size_t>(n), sizeof buf - 1));
}

}  // namespace

std::string text_diagram(const SequenceDiagram& d) {
  std::string out = kRule;
  const Lanes lanes{.count = std::max<std::size_t>(d.nodes.size(), 2), .gap = d.tcp_states ? kTcpLaneGap : kInfoLaneGap};
  out += "Timeline: " + clean_text(d.title) + "\n";
  if (!d.summary.empty()) out += clean_text(d.summary) + "\n";
  if (d.tcp_states)
    out += "states before the first packet: client " + std::string(to_string(d.state_before[0])) + ", server " +
           std::string(to_string(d.state_before[1])) + "\n";
  std::string heading;
  for (std::size_t n = 0; n < d.nodes.size(); ++n) heading += (n ? "  ->  " : "") + node_title(d.nodes[n]);
  const int width = static_cast<int>(lanes.width());
  if (d.tcp_states)
    append(out, "\n%6s %12s  %-*s  %-14s %-14s %s\n", "frame", "time", width, heading.c_str(), "client state",
           "server state", "comment");
  else
    append(out, "\n%6s %12s  %-*s  %s\n", "frame", "time", width, heading.c_str(), "comment");
  for (const DiagramRow& row : diagram_rows(d)) {
    const SequenceItem& it = *row.item;
    const double secs = static_cast<double>(it.time_ns - d.time_origin_ns) / 1e9;
    const bool packet = it.kind == SequenceItemKind::Packet;
    const std::string frame = packet ? std::to_string(it.frame) : "";
    const std::string label = clean_text(it.label);
    const std::string picture = packet ? arrow(label, it.src_node, it.dst_node, lanes) : lifeline_mark(label, it.src_node, lanes);
    // One line per row: the picture and the comment (with the states for TCP).
    out += std::string(6 > frame.size() ? 6 - frame.size() : 0, ' ') + frame;
    append(out, " %12.6f  ", secs);
    out += picture + "  ";
    if (d.tcp_states)
      append(out, "%-14s %-14s ", state_cell(it.state_after[0], row.state_changed[0]).c_str(),
             state_cell(it.state_after[1], row.state_changed[1]).c_str());
    out += clean_text(it.comment) + "\n";
    if (!it.phase_mark.empty()) out += std::string(21, ' ') + "-- " + clean_text(it.phase_mark) + " --\n";
  }
  out += kRule;
  return out;
}

}  // namespace wirelab::decode
