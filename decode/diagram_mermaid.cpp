#include "decode/diagram_mermaid.hpp"

#include "decode/diagram_rows.hpp"

namespace wirelab::decode {

namespace {

constexpr const char* kIndent = "    ";

// Mermaid ends a statement at ';' or a newline, starts entity codes with '#', comments with
// "%%", and renders labels as HTML: those characters go as "#NN;" (decimal) entity codes.
// `colons` also encodes ':' (participant names, where it would end the name).
std::string escape(std::string_view raw, bool colons = false) {
  const std::string s = clean_text(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (const char c : s) {
    if (c == ';' || c == '#' || c == '%' || c == '<' || c == '>' || c == '&' || c == '"' || (colons && c == ':'))
      out += "#" + std::to_string(static_cast<int>(c)) + ";";
    else
      out += c;
  }
  return out;
}

std::string id(std::size_t node) { return "n" + std::to_string(node); }

std::string two_lines(const std::string& a, const std::string& b) {
  return b.empty() ? escape(a) : escape(a) + "<br/>" + escape(b);
}

}  // namespace

std::string mermaid_diagram(const SequenceDiagram& d) {
  std::string out = "sequenceDiagram\n";
  out += std::string(kIndent) + "title " + escape(d.title) + "\n";
  for (std::size_t n = 0; n < d.nodes.size(); ++n)
    out += std::string(kIndent) + "participant " + id(n) + " as " + escape(node_title(d.nodes[n]), true) + "\n";
  const std::string all = d.nodes.size() > 1 ? id(0) + "," + id(d.nodes.size() - 1) : id(0);
  if (!d.summary.empty()) out += std::string(kIndent) + "Note over " + all + ": " + escape(d.summary) + "\n";
  for (std::size_t n = 0; d.tcp_states && n < 2 && n < d.nodes.size(); ++n)
    out += std::string(kIndent) + "Note over " + id(n) + ": " + std::string(to_string(d.state_before[n])) + "\n";
  for (const DiagramRow& row : diagram_rows(d)) {
    const SequenceItem& it = *row.item;
    if (!row.opens_group.empty()) {
      const bool handshake = row.group == SequencePhase::Handshake;
      out += std::string(kIndent) + (handshake ? "rect rgba(76, 175, 80, 0.15)\n" : "rect rgba(233, 30, 99, 0.12)\n");
      out += std::string(kIndent) + "Note over " + all + ": " + escape(row.opens_group) + "\n";
    }
    if (it.kind == SequenceItemKind::Packet) {
      out += std::string(kIndent) + id(it.src_node) + "->>" + id(it.dst_node) + ": [" + std::to_string(it.frame) + "] " +
             two_lines(it.label, it.comment) + "\n";
      for (std::size_t n = 0; n < 2 && n < d.nodes.size(); ++n)
        if (row.state_changed[n])
          out += std::string(kIndent) + "Note over " + id(n) + ": " + std::string(to_string(it.state_after[n])) + "\n";
    } else {
      out += std::string(kIndent) + "Note " + (it.src_node == 0 ? "left of " : "right of ") + id(it.src_node) + ": " +
             two_lines(it.label, it.comment) + "\n";
    }
    if (row.closes_group) out += std::string(kIndent) + "end\n";
  }
  return out;
}

}  // namespace wirelab::decode
