#include "decode/fields.hpp"

#include <charconv>
#include <cstdio>

#include "decode/field_tables.hpp"

namespace wirelab::decode {

void FieldValues::add_double(double v, const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
  slot_at(l, rel_off, len).d = v;
}

void FieldValues::add_bytes(Bytes b, const Layer& l, std::uint32_t rel_off) {
  slot_at(l, rel_off, static_cast<std::uint32_t>(b.size())).bytes = b;
}

void FieldValues::add_text(std::string text, const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
  slot_at(l, rel_off, len).text = std::move(text);
}

FieldRegistry::FieldRegistry() {
  register_frame_fields(*this);
  register_eth_fields(*this);
  register_ipv4_fields(*this);
  register_tcp_fields(*this);
  register_tcp_analysis_fields(*this);
  register_udp_fields(*this);
  register_link_fields(*this);
  register_arp_fields(*this);
  register_ipv6_fields(*this);
  register_icmp_fields(*this);
  register_tftp_fields(*this);
  register_tracked_fields(*this);
  register_data_fields(*this);
}

const FieldRegistry& FieldRegistry::instance() {
  static const FieldRegistry registry;
  return registry;
}

namespace {
// SLL and SLL2 layers share the sll.* fields, as in Wireshark.
bool field_applies(Proto field_proto, Proto layer_proto) {
  return field_proto == layer_proto || (field_proto == Proto::Sll && layer_proto == Proto::Sll2);
}
}  // namespace

void FieldRegistry::add(FieldDef def) {
  def.id = static_cast<std::uint16_t>(fields_.size());
  by_proto_[static_cast<std::size_t>(def.proto)].push_back(def.id);
  if (def.proto == Proto::Sll) by_proto_[static_cast<std::size_t>(Proto::Sll2)].push_back(def.id);
  fields_.push_back(def);
}

const FieldDef* FieldRegistry::find(std::string_view name) const {
  for (const FieldDef& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

void FieldRegistry::extract(const FieldDef& def, const FieldContext& ctx, FieldValues& out) const {
  // Locals, so the loop does not reload `def` after every (opaque) extractor call: display
  // filters run this for every packet.
  const FieldExtractor fn = def.extract;
  const Proto proto = def.proto;
  if (!fn) return;
  for (const Layer& l : ctx.packet.layers)
    if (field_applies(proto, l.proto)) fn(ctx, l, out);
}

namespace {

void append_uint(std::uint64_t v, std::string& out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void append_hex(std::uint64_t v, unsigned digits, std::string& out) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*llx", static_cast<int>(digits), static_cast<unsigned long long>(v));
  out += buf;
}

void append_seconds(std::int64_t ns, std::string& out) {
  if (ns < 0) {
    out += '-';
    ns = -ns;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.%09lld", static_cast<long long>(ns / 1000000000),
                static_cast<long long>(ns % 1000000000));
  out += buf;
}

constexpr char kHex[] = "0123456789abcdef";

// RFC 5952 text: lower-case hex, leading zeros dropped, the longest run of two or more zero
// groups (the first, on a tie) written as "::".
void append_ipv6(Bytes a, std::string& out) {
  std::uint16_t g[8];
  for (std::size_t i = 0; i < 8; ++i) g[i] = load_be16(a, i * 2);
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) {
      best = i;
      best_len = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  char buf[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (i != 0 && i != best + best_len) out += ':';
    std::snprintf(buf, sizeof buf, "%x", static_cast<unsigned>(g[i]));
    out += buf;
  }
}

}  // namespace

void format_value(const FieldDef& def, const FieldValue& v, std::string& out) {
  switch (def.type) {
    case FieldType::Protocol: break;
    case FieldType::UInt:
    case FieldType::FrameNum: append_uint(v.u, out); break;
    case FieldType::Int: {
      const auto s = static_cast<std::int64_t>(v.u);
      if (s < 0) {
        out += '-';
        append_uint(static_cast<std::uint64_t>(-(s + 1)) + 1, out);
      } else {
        append_uint(static_cast<std::uint64_t>(s), out);
      }
      break;
    }
    case FieldType::Hex: append_hex(v.u, def.hex_digits, out); break;
    case FieldType::Bool: out += v.u ? '1' : '0'; break;
    case FieldType::Ipv4: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", static_cast<unsigned>(v.u >> 24 & 0xff),
                    static_cast<unsigned>(v.u >> 16 & 0xff), static_cast<unsigned>(v.u >> 8 & 0xff),
                    static_cast<unsigned>(v.u & 0xff));
      out += buf;
      break;
    }
    case FieldType::Mac:
    case FieldType::Bytes:
      // tshark -T fields prints MAC addresses colon-separated and byte strings as plain hex.
      for (std::size_t i = 0; i < v.bytes.size(); ++i) {
        if (i && def.type == FieldType::Mac) out += ':';
        const auto b = static_cast<unsigned>(v.bytes[i]);
        out += kHex[b >> 4];
        out += kHex[b & 0xf];
      }
      break;
    case FieldType::Ipv6:
      if (v.bytes.size() == 16) append_ipv6(v.bytes, out);
      else out += v.text;
      break;
    case FieldType::String:
      if (!v.text.empty()) out += v.text;
      else out += as_chars(v.bytes);
      break;
    case FieldType::AbsTime:
    case FieldType::RelTime: append_seconds(static_cast<std::int64_t>(v.u), out); break;
    case FieldType::Double: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.9g", v.d);
      out += buf;
      break;
    }
  }
}

void format_field(const FieldDef& def, const FieldContext& ctx, FieldValues& scratch, std::string& out) {
  scratch.clear();
  FieldRegistry::instance().extract(def, ctx, scratch);
  bool first = true;
  for (const FieldValue& v : scratch) {
    if (!first) out += ',';
    first = false;
    format_value(def, v, out);
  }
}

}  // namespace wirelab::decode
