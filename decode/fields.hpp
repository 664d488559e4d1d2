// The field registry: every field wirelab knows, under Wireshark's name, with the function
// that reads its values out of a decoded packet. One registry serves `-e`, display filters
// and the GUI detail tree, so what the CLI prints and what the GUI shows can't differ.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"

namespace wirelab::decode {

// How a value prints, following `tshark -T fields`.
enum class FieldType : std::uint8_t {
  Protocol,  // the layer itself (e.g. "tcp"); no value printed
  UInt,      // decimal
  Int,       // signed decimal
  Hex,       // 0x + zero-padded to hex_digits
  Bool,      // 1 / 0
  Ipv4,      // dotted quad; u holds the address in host order
  Ipv6,      // text in `text`
  Mac,       // aa:bb:cc:dd:ee:ff from the 6 bytes in `bytes`
  String,    // text in `text` (or `bytes` shown as characters)
  Bytes,     // lower-case hex, colon-separated as tshark prints FT_BYTES
  AbsTime,   // seconds.nanoseconds since the epoch; u holds ns as signed
  RelTime,   // seconds.nanoseconds relative; u holds ns as signed
  Double,    // d
  FrameNum,  // decimal frame number
};

struct FieldValue {
  std::uint64_t u = 0;
  double d = 0;
  std::string text;        // computed text (strings, ipv6)
  Bytes bytes;             // raw bytes (mac, bytes, strings read straight from the packet)
  std::uint8_t source = 0; // where the value sits, for highlighting in the hex view
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

struct FieldContext {
  const Packet& packet;
  const PacketAnnotations* annotations = nullptr;  // nullptr when decoded without trackers
  std::int64_t first_ts_ns = 0;                     // for frame.time_relative
  std::int64_t prev_ts_ns = 0;                      // for frame.time_delta
};

class FieldValues;
using FieldExtractor = void (*)(const FieldContext& ctx, const Layer& layer, FieldValues& out);

struct FieldDef {
  std::string_view name;        // "tcp.srcport"
  std::string_view label;       // "Source Port"
  Proto proto = Proto::Frame;
  FieldType type = FieldType::UInt;
  std::uint8_t hex_digits = 0;  // for Hex
  std::uint8_t tree_depth = 1;  // indentation under its protocol in the detail tree
  FieldExtractor extract = nullptr;
  std::uint16_t id = 0;         // index in the registry, set when registered
};

// Collects the values of one field from one layer; reused across calls to avoid allocation.
// clear() keeps the slots (and their strings' capacity): adding overwrites a slot in place,
// so a scratch FieldValues reused per packet allocates nothing once it has grown (display
// filters evaluate fields this way for every packet).
class FieldValues {
 public:
  void clear() { n_ = 0; }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const FieldValue& operator[](std::size_t i) const { return values_[i]; }
  auto begin() const { return values_.begin(); }
  auto end() const { return values_.begin() + static_cast<std::ptrdiff_t>(n_); }

  // Convenience adders; `where` names the bytes the value came from. add_uint is inline: it
  // runs for most fields of every packet a display filter looks at.
  void add_uint(std::uint64_t v, const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
    slot_at(l, rel_off, len).u = v;
  }
  void add_double(double v, const Layer& l, std::uint32_t rel_off, std::uint32_t len);
  void add_bytes(Bytes b, const Layer& l, std::uint32_t rel_off);
  void add_text(std::string text, const Layer& l, std::uint32_t rel_off, std::uint32_t len);
  void add(FieldValue v) { next_slot() = std::move(v); }

 private:
  // The next slot, reset to an empty value at `l` + rel_off (len bytes).
  FieldValue& slot_at(const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
    FieldValue& fv = next_slot();
    fv.u = 0;
    fv.d = 0;
    fv.text.clear();
    fv.bytes = {};
    fv.source = l.source;
    fv.offset = l.offset + rel_off;
    fv.length = len;
    return fv;
  }
  FieldValue& next_slot() {
    if (n_ == values_.size()) values_.emplace_back();
    return values_[n_++];
  }
  std::vector<FieldValue> values_;
  std::size_t n_ = 0;
};

class FieldRegistry {
 public:
  static const FieldRegistry& instance();

  const FieldDef* find(std::string_view name) const;
  std::span<const FieldDef> all() const { return fields_; }
  // Fields of one protocol in registration (= detail tree) order; the Protocol entry first.
  std::span<const std::uint16_t> of(Proto p) const { return by_proto_[static_cast<std::size_t>(p)]; }
  const FieldDef& at(std::uint16_t id) const { return fields_[id]; }

  // Appends every value of `def` in the packet (all layers of its protocol, outermost first).
  void extract(const FieldDef& def, const FieldContext& ctx, FieldValues& out) const;

  // Internal: used by the per-protocol registration functions.
  void add(FieldDef def);

 private:
  FieldRegistry();
  std::vector<FieldDef> fields_;
  std::vector<std::uint16_t> by_proto_[static_cast<std::size_t>(Proto::kCount)];
};

// Prints one value the way `tshark -T fields` does.
void format_value(const FieldDef& def, const FieldValue& v, std::string& out);
// Prints every occurrence of a field, comma-joined, as `tshark -T fields -e NAME` does.
void format_field(const FieldDef& def, const FieldContext& ctx, FieldValues& scratch, std::string& out);

}  // namespace wirelab::decode
