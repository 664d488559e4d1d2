#include "decode/fields.hpp"

#include <charconv>
#include <cstdio>

#include "decode/field_tables.hpp"

namespace wirelab::decode {

void FieldValues::add_uint(std::uint64_t v, const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
  FieldValue fv = value_at(l, rel_off, len);
  fv.u = v;
  values_.push_back(std::move(fv));
}

void FieldValues::add_double(double v, const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
  FieldValue fv = value_at(l, rel_off, len);
  fv.d = v;
  values_.push_back(std::move(fv));
}

void FieldValues::add_bytes(Bytes b, const Layer& l, std::uint32_t rel_off) {
  FieldValue fv = value_at(l, rel_off, static_cast<std::uint32_t>(b.size()));
  fv.bytes = b;
  values_.push_back(std::move(fv));
}

void FieldValues::add_text(std::string text, const Layer& l, std::uint32_t rel_off, std::uint32_t len) {
  FieldValue fv = value_at(l, rel_off, len);
  fv.text = std::move(text);
  values_.push_back(std::move(fv));
}

FieldRegistry::FieldRegistry() {
  register_frame_fields(*this);
  register_eth_fields(*this);
  register_ipv4_fields(*this);
  register_tcp_fields(*this);
  register_tcp_analysis_fields(*this);
  register_udp_fields(*this);
}

const FieldRegistry& FieldRegistry::instance() {
  static const FieldRegistry registry;
  return registry;
}

void FieldRegistry::add(FieldDef def) {
  def.id = static_cast<std::uint16_t>(fields_.size());
  by_proto_[static_cast<std::size_t>(def.proto)].push_back(def.id);
  fields_.push_back(def);
}

const FieldDef* FieldRegistry::find(std::string_view name) const {
  for (const FieldDef& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

void FieldRegistry::extract(const FieldDef& def, const FieldContext& ctx, FieldValues& out) const {
  for (const Layer& l : ctx.packet.layers)
    if (l.proto == def.proto && def.extract) def.extract(ctx, l, out);
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
      for (std::size_t i = 0; i < v.bytes.size(); ++i) {
        if (i) out += ':';
        const auto b = static_cast<unsigned>(v.bytes[i]);
        out += kHex[b >> 4];
        out += kHex[b & 0xf];
      }
      break;
    case FieldType::Ipv6:
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
