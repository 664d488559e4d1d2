// The two entry points wirelab exposes to hostile bytes, as the fuzz targets drive them. The
// regression test replays saved reproducers through these same functions, so a crash found
// by fuzzing stays fixed in every build, sanitizer or not.
//
// Dissect input: byte 0 picks the link type (low 3 bits, among the supported ones) and whether
// the frame was cut short by a snaplen (bit 7: the wire length is 1000 bytes more); the rest is
// the frame.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "capture/capture_reader.hpp"
#include "decode/dissector.hpp"
#include "decode/fields.hpp"
#include "decode/summary.hpp"
#include "decode/trackers.hpp"

namespace wirelab::fuzz {

inline constexpr std::array<decode::LinkType, 8> kFuzzLinkTypes = {
    decode::LinkType::Null,     decode::LinkType::Ethernet, decode::LinkType::Raw,  decode::LinkType::Loop,
    decode::LinkType::LinuxSll, decode::LinkType::Ipv4,     decode::LinkType::Ipv6, decode::LinkType::LinuxSll2,
};

// The dissect input that stands for `frame` captured on `link` (for seeds).
inline std::vector<std::byte> dissect_input(decode::LinkType link, Bytes frame) {
  std::vector<std::byte> out;
  for (std::size_t i = 0; i < kFuzzLinkTypes.size(); ++i)
    if (kFuzzLinkTypes[i] == link) out.push_back(static_cast<std::byte>(i));
  if (out.empty()) return out;  // a link type wirelab does not decode: no seed
  out.insert(out.end(), frame.begin(), frame.end());
  return out;
}

// Dissects the frame twice with one dissector (the second pass meets the cross-frame state the
// first left: fragments, TFTP ports), then extracts and formats every registered field and
// builds the summary line. Returns the total length of what was printed, so nothing is dead code.
inline std::size_t dissect_everything(Bytes input) {
  if (input.empty()) return 0;
  const auto selector = static_cast<std::uint8_t>(input[0]);
  decode::RawFrame frame;
  frame.link_type = kFuzzLinkTypes[selector & 7u];
  frame.bytes = input.subspan(1);
  frame.wire_len = static_cast<std::uint32_t>(frame.bytes.size()) + ((selector & 0x80u) ? 1000u : 0u);
  frame.ts_ns = 1700000000123456789;

  decode::Dissector dissector;
  decode::Trackers trackers;
  decode::Packet packet;
  decode::PacketAnnotations notes;
  decode::FieldValues scratch;
  std::string text;
  std::size_t printed = 0;
  const auto& registry = decode::FieldRegistry::instance();
  for (std::uint64_t number = 1; number <= 2; ++number) {
    frame.ts_ns += 1000;
    dissector.dissect(frame, number, packet);
    notes = {};
    trackers.feed(packet, notes);
    const decode::FieldContext ctx{.packet = packet, .annotations = &notes, .first_ts_ns = 1700000000123456789,
                                   .prev_ts_ns = frame.ts_ns - 1000};
    for (const decode::FieldDef& def : registry.all()) {
      text.clear();
      decode::format_field(def, ctx, scratch, text);
      printed += text.size();
    }
    const decode::PacketSummary s = decode::summarize(ctx);
    printed += s.src.size() + s.dst.size() + s.protocol.size() + s.info.size();
  }
  return printed;
}

// Opens the bytes as a capture and reads every record until the end or the damage, touching
// every byte handed out (so a span past the input is caught) and every message.
inline std::uint64_t read_everything(Bytes input) {
  auto reader = capture::CaptureReader::open(input);
  if (!reader) return reader.error().message().size();
  capture::Record rec;
  std::uint64_t sum = 0;
  for (;;) {
    const capture::ReadStatus st = reader->next(rec);
    if (st == capture::ReadStatus::End) break;
    if (st == capture::ReadStatus::Error) {
      sum += reader->error().message().size();
      break;
    }
    const Bytes b = rec.kind == capture::Record::Kind::Packet ? rec.frame.bytes : rec.custom.data;
    for (std::byte x : b) sum += static_cast<std::uint8_t>(x);
    sum += static_cast<std::uint64_t>(rec.frame.ts_ns) + rec.frame.wire_len;
  }
  return sum + reader->packets_read() + reader->interfaces().size();
}

}  // namespace wirelab::fuzz
