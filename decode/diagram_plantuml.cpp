#include "decode/diagram_plantuml.hpp"

#include <cctype>
#include <cstdio>

#include "decode/diagram_rows.hpp"

namespace wirelab::decode {

namespace {

// Text after a ':' (message, note, title), shown as it is. PlantUML reads "\n" as a line
// break, Creole markup ("**bold**", "--strike--", "<b>", "<U+0041>", "[[link]]") and HTML
// entities in it: a tag's '<' goes as "<U+003C>", '~' makes the next markup character literal (before '#' and every
// character of a doubled "**", "//", "__", "--", "\"\"", "[[", "]]"), and '~' and '&'
// themselves go as entities (checked against PlantUML 1.2020's SVG output). A lone '-' stays
// as it is, so "PSH, ACK - Len: 5" reads the same in the source.
std::string escape(std::string_view raw) {
  const std::string s = clean_text(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool doubled = (i + 1 < s.size() && s[i + 1] == c) || (i > 0 && s[i - 1] == c);
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '~': out += "&#126;"; break;
      case '&': out += "&#38;"; break;
      case '<': {
        // A tag ("<b>", "</b>", "<U+0041>", "<&icon>", "<$sprite>", "<<") starts with '<' and one
        // of these; "<U+003C>" stops it ('~<' would not stop "<U+0041>"). "<->" stays as it is.
        const char next = i + 1 < s.size() ? s[i + 1] : ' ';
        const bool tag = std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '&' || next == '$' ||
                         next == '<' || next == '#' || next == '+' || next == '=' || next == '@';
        out += tag ? "<U+003C>" : "<";
        break;
      }
      case '#': out += "~#"; break;
      case '*': case '/': case '_': case '-': case '"': case '[': case ']':
        if (doubled) out += '~';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

// A participant's quoted display name: no '"' can appear inside the quotes.
std::string quoted_name(const SequenceNode& n) {
  std::string s = clean_text(n.role.empty() ? n.address : n.role + "\\n" + n.address);
  for (char& c : s)
    if (c == '"') c = '\'';
  return "\"" + s + "\"";
}

std::string id(std::size_t node) { return "n" + std::to_string(node); }

std::string message_text(const SequenceItem& it) {
  std::string t = "[" + std::to_string(it.frame) + "] " + escape(it.label);
  if (!it.comment.empty()) t += "\\n" + escape(it.comment);
  return t;
}

}  // namespace

std::string plantuml_diagram(const SequenceDiagram& d) {
  std::string out = "@startuml\n";
  out += "title " + escape(d.title);
  if (!d.summary.empty()) out += "\\n" + escape(d.summary);
  out += "\n";
  for (std::size_t n = 0; n < d.nodes.size(); ++n) out += "participant " + quoted_name(d.nodes[n]) + " as " + id(n) + "\n";
  // The states before the first packet, side by side ('/' puts a note level with the previous).
  bool first_note = true;
  for (std::size_t n = 0; d.tcp_states && n < 2 && n < d.nodes.size(); ++n) {
    out += std::string(first_note ? "" : "/ ") + "hnote over " + id(n) + " : " + std::string(to_string(d.state_before[n])) + "\n";
    first_note = false;
  }
  for (const DiagramRow& row : diagram_rows(d)) {
    const SequenceItem& it = *row.item;
    if (!row.opens_group.empty()) out += "group " + escape(row.opens_group) + "\n";
    if (it.kind == SequenceItemKind::Packet) {
      out += id(it.src_node) + " -> " + id(it.dst_node) + " : " + message_text(it) + "\n";
      bool level = false;
      for (std::size_t n = 0; n < 2 && n < d.nodes.size(); ++n) {
        if (!row.state_changed[n]) continue;
        out += std::string(level ? "/ " : "") + "hnote over " + id(n) + " : " + std::string(to_string(it.state_after[n])) + "\n";
        level = true;
      }
    } else {
      std::string text = escape(it.label);
      if (!it.comment.empty()) text += "\\n" + escape(it.comment);
      out += std::string("note ") + (it.src_node == 0 ? "left of " : "right of ") + id(it.src_node) + " : " + text + "\n";
    }
    if (row.closes_group) out += "end\n";
  }
  out += "@enduml\n";
  return out;
}

}  // namespace wirelab::decode
