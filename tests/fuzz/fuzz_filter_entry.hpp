// The display-filter compiler as the fuzz target drives it; the regression test replays saved
// reproducers (tests/data/regress/filter/*) through the same function in every build.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "decode/dissector.hpp"
#include "decode/filter/filter.hpp"

namespace wirelab::fuzz {

// A small Ethernet/IPv4/TCP frame with a payload, decoded once, to evaluate filters on.
inline const decode::Packet& filter_sample_packet() {
  static const std::vector<std::byte> bytes = [] {
    const std::uint8_t raw[] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01, 0x08, 0x00,  // eth
        0x45, 0x00, 0x00, 0x2f, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, 10, 0, 0, 1,
        192, 168, 1, 20,                                                                      // ip
        0x9c, 0x40, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0,   // tcp
        'G', 'E', 'T', ' ', '/', '\r', '\n'};
    std::vector<std::byte> b(sizeof raw);
    for (std::size_t i = 0; i < sizeof raw; ++i) b[i] = static_cast<std::byte>(raw[i]);
    return b;
  }();
  static const decode::Packet packet = [] {
    decode::Packet p;
    decode::Dissector dissector;
    const decode::RawFrame frame{.ts_ns = 1, .link_type = decode::LinkType::Ethernet,
                                 .wire_len = static_cast<std::uint32_t>(bytes.size()), .bytes = Bytes(bytes),
                                 .interface_id = 0};
    dissector.dissect(frame, 1, p);
    return p;
  }();
  return packet;
}

// Compiles any text; an error must name a position inside the text (or just after it) and
// render; a filter that compiles must evaluate. Returns 0 (error), 1 (no match), 2 (match).
inline int compile_and_match_filter(std::string_view text) {
  auto filter = decode::filter::compile(text);
  if (!filter) {
    if (filter.error().position > text.size() || filter.error().message.empty()) std::abort();
    return filter.error().render(text).empty() ? 3 : 0;
  }
  const decode::FieldContext ctx{.packet = filter_sample_packet(), .annotations = nullptr, .first_ts_ns = 0,
                                 .prev_ts_ns = 0};
  return filter->matches(ctx) ? 2 : 1;
}

}  // namespace wirelab::fuzz
