#include "decode/diagram_svg.hpp"

#include <cstdio>
#include <optional>

#include "decode/diagram_rows.hpp"

namespace wirelab::decode {

namespace {

constexpr int kAxisW = 120;      // frame number and time
constexpr int kSideW = 190;      // room left of the first lane and right of the last (state names)
constexpr int kLaneGap = 380;
constexpr int kHeaderTop = 56, kHeaderH = 40;
constexpr int kFirstRowY = kHeaderTop + kHeaderH + 40;
constexpr int kRowH = 38;

std::string xml(std::string_view raw) {
  const std::string s = clean_text(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* state_fill(TcpState s) {
  switch (s) {
    case TcpState::Closed: return "#bdbdbd";
    case TcpState::Listen: return "#90caf9";
    case TcpState::SynSent:
    case TcpState::SynReceived: return "#ffcc80";
    case TcpState::Established: return "#81c784";
    case TcpState::FinWait1:
    case TcpState::FinWait2:
    case TcpState::Closing: return "#f48fb1";
    case TcpState::CloseWait:
    case TcpState::LastAck: return "#ce93d8";
    case TcpState::TimeWait: return "#ef9a9a";
    case TcpState::Unknown: break;
  }
  return "#eeeeee";
}

class SvgOut {
 public:
  template <typename... Args>
  void line(const char* fmt, Args... args) {
    char buf[256];
    const int n = std::snprintf(buf, sizeof buf, fmt, args...);
    if (n > 0) out_.append(buf, std::min(static_cast<std::size_t>(n), sizeof buf - 1));
  }
  void text(int x, int y, const char* attrs, const std::string& escaped) {
    line("<text x=\"%d\" y=\"%d\" %s>", x, y, attrs);
    out_ += escaped + "</text>\n";
  }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

}  // namespace

std::string svg_diagram(const SequenceDiagram& d) {
  const std::vector<DiagramRow> rows = diagram_rows(d);
  const std::size_t lanes = std::max<std::size_t>(d.nodes.size(), 1);
  auto lane_x = [](std::size_t n) { return kAxisW + kSideW + static_cast<int>(n) * kLaneGap; };
  auto row_y = [](std::size_t r) { return kFirstRowY + static_cast<int>(r) * kRowH; };
  const int width = lane_x(lanes - 1) + kSideW;
  const int bottom = row_y(rows.size());
  const int height = bottom + 20;

  SvgOut s;
  s.str() = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s.line("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
         "font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height);
  s.str() += "<title>" + xml(d.title) + "</title>\n";
  s.str() += "<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
             "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#37474f\"/></marker></defs>\n";
  s.line("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height);
  s.text(12, 24, "font-size=\"15\" font-weight=\"bold\"", xml(d.title));
  if (!d.summary.empty()) s.text(12, 42, "fill=\"#455a64\"", xml(d.summary));

  // Phases behind everything: a shaded box per handshake/teardown run, named at its top left.
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].opens_group.empty()) continue;
    std::size_t last = r;
    while (!rows[last].closes_group && last + 1 < rows.size()) ++last;
    const bool hs = rows[r].group == SequencePhase::Handshake;
    const int x = kAxisW + 8, y = row_y(r) - kRowH / 2 + 2;
    s.str() += "<g class=\"phase\">\n";
    s.line("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" fill-opacity=\"0.16\" stroke=\"%s\" "
           "stroke-dasharray=\"4 3\"/>\n", x, y, width - x - 8, row_y(last) - row_y(r) + kRowH - 4,
           hs ? "#4caf50" : "#e91e63", hs ? "#2e7d32" : "#ad1457");
    s.text(x + 8, y + 13, hs ? "font-weight=\"bold\" fill=\"#2e7d32\"" : "font-weight=\"bold\" fill=\"#ad1457\"",
           xml(rows[r].opens_group));
    s.str() += "</g>\n";
  }
  // Lanes: a titled box per endpoint and its lifeline.
  for (std::size_t n = 0; n < d.nodes.size(); ++n) {
    const int x = lane_x(n);
    s.line("<rect x=\"%d\" y=\"%d\" width=\"220\" height=\"%d\" rx=\"4\" fill=\"#eceff1\" stroke=\"#607d8b\"/>\n", x - 110,
           kHeaderTop, kHeaderH);
    s.text(x, kHeaderTop + 16, "text-anchor=\"middle\" font-weight=\"bold\"", xml(d.nodes[n].role));
    s.text(x, kHeaderTop + 32, "text-anchor=\"middle\"", xml(d.nodes[n].address));
    s.line("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#90a4ae\" stroke-dasharray=\"3 3\"/>\n", x,
           kHeaderTop + kHeaderH, x, bottom);
  }
  // State bands: from the row that moved an endpoint into a state to the next change.
  for (std::size_t n = 0; d.tcp_states && n < 2 && n < d.nodes.size(); ++n) {
    const int x = lane_x(n);
    const char* anchor = n == 0 ? "text-anchor=\"end\" font-size=\"11\"" : "text-anchor=\"start\" font-size=\"11\"";
    const int text_x = n == 0 ? x - 12 : x + 12;
    TcpState state = d.state_before[n];
    int from = kHeaderTop + kHeaderH + 4;
    auto close_band = [&](int to) {
      if (state == TcpState::Unknown || to <= from) return;
      s.line("<rect class=\"state\" x=\"%d\" y=\"%d\" width=\"10\" height=\"%d\" fill=\"%s\"/>\n", x - 5, from, to - from,
             state_fill(state));
      s.text(text_x, from + 12, anchor, std::string(to_string(state)));
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (!rows[r].state_changed[n]) continue;
      close_band(row_y(r));
      state = rows[r].item->state_after[n];
      from = row_y(r);
    }
    close_band(bottom);
  }
  // Rows: the frame and time on the left, then the arrow or the socket call.
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const SequenceItem& it = *rows[r].item;
    const int y = row_y(r);
    char when[48];
    std::snprintf(when, sizeof when, "%.6f", static_cast<double>(it.time_ns - d.time_origin_ns) / 1e9);
    if (it.kind == SequenceItemKind::Packet) s.text(10, y + 4, "font-weight=\"bold\"", std::to_string(it.frame));
    s.text(kAxisW - 8, y + 4, "text-anchor=\"end\" fill=\"#757575\" font-size=\"11\"", when);
    if (it.src_node >= d.nodes.size() || it.dst_node >= d.nodes.size()) continue;
    const int x1 = lane_x(it.src_node), x2 = lane_x(it.dst_node);
    if (it.kind == SequenceItemKind::Packet) {
      s.str() += "<g class=\"packet\">\n";
      s.line("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#37474f\" stroke-width=\"1.5\" marker-end=\"url(#head)\"/>\n",
             x1, y, x2 + (x2 > x1 ? -6 : 6), y);
      s.text((x1 + x2) / 2, y - 5, "text-anchor=\"middle\"", xml(it.label));
      if (!it.comment.empty()) s.text((x1 + x2) / 2, y + 14, "text-anchor=\"middle\" fill=\"#607d8b\" font-size=\"10\"", xml(it.comment));
      s.str() += "</g>\n";
    } else {
      s.str() += "<g class=\"socket-call\">\n";
      if (!it.comment.empty()) s.str() += "<title>" + xml(it.comment) + "</title>\n";
      s.line("<rect x=\"%d\" y=\"%d\" width=\"180\" height=\"22\" rx=\"3\" fill=\"#fff8e1\" stroke=\"#ffa000\"/>\n", x1 - 90,
             y - 11);
      s.text(x1, y + 4, "text-anchor=\"middle\" font-size=\"11\"", xml(it.label));
      s.str() += "</g>\n";
    }
  }
  s.str() += "</svg>\n";
  return std::move(s.str());
}

}  // namespace wirelab::decode
