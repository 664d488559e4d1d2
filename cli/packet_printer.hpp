// Prints decoded packets the way tshark does: text lines, field columns or JSON.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "decode/fields.hpp"
#include "decode/result.hpp"

namespace wirelab::cli {

class PacketPrinter {
 public:
  // Fails (with the message) when a -e field is unknown.
  static Result<PacketPrinter> create(const Options& opts, std::FILE* out);

  void begin();
  void print(const decode::FieldContext& ctx);
  void end();

 private:
  PacketPrinter(const Options& opts, std::FILE* out) : opts_(&opts), out_(out) {}
  void print_text(const decode::FieldContext& ctx);
  void print_fields(const decode::FieldContext& ctx);
  void print_json(const decode::FieldContext& ctx);

  const Options* opts_;
  std::FILE* out_;
  std::vector<const decode::FieldDef*> fields_;
  decode::FieldValues scratch_;
  std::string line_;
  bool first_json_ = true;
};

// Appends s to out as a JSON string literal.
void append_json_string(std::string_view s, std::string& out);

}  // namespace wirelab::cli
