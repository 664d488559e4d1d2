#include "decode/diagram_rows.hpp"

namespace wirelab::decode {

namespace {

bool shaded(SequencePhase p) { return p == SequencePhase::Handshake || p == SequencePhase::Teardown; }

// The phase a row belongs to for grouping: a packet's own; a socket call's when the packets
// on both sides of it share a shaded phase, else none.
std::vector<SequencePhase> group_phases(const std::vector<SequenceItem>& items) {
  std::vector<SequencePhase> out(items.size(), SequencePhase::None);
  SequencePhase before = SequencePhase::None;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].kind == SequenceItemKind::Packet) {
      out[i] = before = items[i].phase;
      continue;
    }
    SequencePhase after = SequencePhase::None;
    for (std::size_t j = i + 1; j < items.size(); ++j)
      if (items[j].kind == SequenceItemKind::Packet) {
        after = items[j].phase;
        break;
      }
    out[i] = before == after ? before : SequencePhase::None;
  }
  return out;
}

}  // namespace

std::vector<DiagramRow> diagram_rows(const SequenceDiagram& d) {
  std::vector<DiagramRow> rows(d.items.size());
  std::array<TcpState, 2> prev = d.state_before;
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    const SequenceItem& it = d.items[i];
    rows[i].item = &it;
    if (it.kind != SequenceItemKind::Packet) continue;
    for (std::size_t n = 0; n < 2; ++n)
      rows[i].state_changed[n] = it.state_after[n] != TcpState::Unknown && it.state_after[n] != prev[n];
    prev = it.state_after;
  }
  const std::vector<SequencePhase> phases = group_phases(d.items);
  for (std::size_t i = 0; i < rows.size();) {
    if (!shaded(phases[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    std::string name;
    while (end < rows.size() && phases[end] == phases[i]) {
      if (name.empty()) name = d.items[end].phase_mark;
      ++end;
    }
    if (name.empty()) name = phases[i] == SequencePhase::Handshake ? "handshake" : "teardown";
    rows[i].opens_group = std::move(name);
    rows[i].group = phases[i];
    rows[end - 1].closes_group = true;
    i = end;
  }
  return rows;
}

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
      ++i;
      continue;
    }
    // A UTF-8 sequence: lead byte, then 1-3 continuation bytes; no overlong forms, no surrogates.
    const std::size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
    }
    if (!ok) {
      out += '?';
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string node_title(const SequenceNode& n) {
  return n.role.empty() ? clean_text(n.address) : clean_text(n.role) + " " + clean_text(n.address);
}

}  // namespace wirelab::decode
