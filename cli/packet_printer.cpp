#include "cli/packet_printer.hpp"

#include <cstdio>

#include "decode/summary.hpp"

namespace wirelab::cli {

using decode::FieldRegistry;

void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", c);
          out += b;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

Result<PacketPrinter> PacketPrinter::create(const Options& opts, std::FILE* out) {
  PacketPrinter p(opts, out);
  std::string unknown;
  for (const std::string& name : opts.fields) {
    const decode::FieldDef* def = FieldRegistry::instance().find(name);
    if (!def) {
      unknown += "\n\t" + name;
      continue;
    }
    p.fields_.push_back(def);
  }
  if (!unknown.empty())
    return Error{"some fields aren't valid (see `wirelab-cli list fields`):" + unknown};
  return p;
}

void PacketPrinter::begin() {
  if (opts_->format == OutputFormat::Fields && opts_->header) {
    line_.clear();
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (i) line_ += opts_->separator;
      line_ += fields_[i]->name;
    }
    line_ += '\n';
    std::fwrite(line_.data(), 1, line_.size(), out_);
  }
  if (opts_->format == OutputFormat::Json) std::fputs("[\n", out_);
}

void PacketPrinter::end() {
  if (opts_->format == OutputFormat::Json) std::fputs(first_json_ ? "]\n" : "\n]\n", out_);
}

void PacketPrinter::print(const decode::FieldContext& ctx) {
  switch (opts_->format) {
    case OutputFormat::Text: print_text(ctx); break;
    case OutputFormat::Fields: print_fields(ctx); break;
    case OutputFormat::Json: print_json(ctx); break;
  }
}

void PacketPrinter::print_text(const decode::FieldContext& ctx) {
  const decode::PacketSummary s = decode::summarize(ctx);
  const std::int64_t rel = ctx.packet.ts_ns - ctx.first_ts_ns;
  char head[64];
  std::snprintf(head, sizeof head, "%5llu %10.6f ", static_cast<unsigned long long>(ctx.packet.number),
                static_cast<double>(rel) / 1e9);
  line_ = head;
  line_ += s.src;
  line_ += " \u2192 ";
  line_ += s.dst;
  line_ += ' ';
  line_ += s.protocol;
  line_ += ' ';
  line_ += std::to_string(ctx.packet.wire_len);
  if (!s.info.empty()) {
    line_ += ' ';
    line_ += s.info;
  }
  line_ += '\n';
  std::fwrite(line_.data(), 1, line_.size(), out_);
}

void PacketPrinter::print_fields(const decode::FieldContext& ctx) {
  line_.clear();
  std::string value;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (i) line_ += opts_->separator;
    value.clear();
    decode::format_field(*fields_[i], ctx, scratch_, value);
    if (opts_->occurrence_separator != ',')
      for (char& c : value)
        if (c == ',') c = opts_->occurrence_separator;
    line_ += opts_->quote;
    line_ += value;
    line_ += opts_->quote;
  }
  line_ += '\n';
  std::fwrite(line_.data(), 1, line_.size(), out_);
}

// tshark -T json shape: [{"_index":..., "_source": {"layers": {"frame": {...}, "eth": {...}}}}]
// Every field is a string; repeated fields become arrays. Layers that occur twice (the IPv4
// header quoted in an ICMP error) get their own object, in order.
void PacketPrinter::print_json(const decode::FieldContext& ctx) {
  const FieldRegistry& reg = FieldRegistry::instance();
  line_ = first_json_ ? "  {\n" : ",\n  {\n";
  first_json_ = false;
  line_ += "    \"_index\": \"packets\",\n    \"_type\": \"doc\",\n    \"_score\": null,\n    \"_source\": {\n      \"layers\": {";
  bool first_layer = true;
  std::string value;
  for (const decode::Layer& layer : ctx.packet.layers) {
    line_ += first_layer ? "\n        " : ",\n        ";
    first_layer = false;
    append_json_string(decode::proto_filter_name(layer.proto), line_);
    line_ += ": {";
    bool first_field = true;
    for (const std::uint16_t id : reg.of(layer.proto)) {
      const decode::FieldDef& def = reg.at(id);
      if (def.type == decode::FieldType::Protocol) continue;
      if (!opts_->fields.empty()) {
        bool wanted = false;
        for (const auto* f : fields_) wanted = wanted || f == &def;
        if (!wanted) continue;
      }
      scratch_.clear();
      def.extract(ctx, layer, scratch_);
      if (scratch_.empty()) continue;
      line_ += first_field ? "\n          " : ",\n          ";
      first_field = false;
      append_json_string(def.name, line_);
      line_ += ": ";
      if (scratch_.size() > 1) line_ += '[';
      for (std::size_t i = 0; i < scratch_.size(); ++i) {
        if (i) line_ += ", ";
        value.clear();
        decode::format_value(def, scratch_[i], value);
        append_json_string(value, line_);
      }
      if (scratch_.size() > 1) line_ += ']';
    }
    line_ += first_field ? "}" : "\n        }";
  }
  line_ += "\n      }\n    }\n  }";
  std::fwrite(line_.data(), 1, line_.size(), out_);
}

}  // namespace wirelab::cli
