// Wireshark display filters over wirelab's field registry: the one API the CLI (-Y) and the
// GUI filter bar use.
//
//   auto f = filter::compile("ip.dst == 10.128.160.66 and udp.port == 2425");
//   if (!f) show(f.error().render(text));          // message + caret under the culprit
//   else if (f->matches(stream.context())) ...      // per packet, no allocation
//
// Fields are read through FieldRegistry::extract, the same values `-T fields -e` prints, so
// `-Y` and `-e` can't disagree. A Filter keeps scratch buffers: use one per thread.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "decode/fields.hpp"
#include "decode/filter/filter_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode::filter {

class Program;

class Filter {
 public:
  Filter();  // the empty filter: matches every packet
  ~Filter();
  Filter(Filter&&) noexcept;
  Filter& operator=(Filter&&) noexcept;
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  bool matches(const FieldContext& ctx) const;
  const std::string& text() const { return text_; }
  bool empty() const;

 private:
  friend Result<Filter, FilterError> compile(std::string_view text);
  std::unique_ptr<Program> program_;
  std::string text_;
};

// Compiles display-filter text; blank text gives the empty filter. Never throws, never
// crashes, whatever the input.
Result<Filter, FilterError> compile(std::string_view text);

// Registered field and protocol names starting with `prefix`, sorted (for completion).
std::vector<std::string_view> complete_field_names(std::string_view prefix, std::size_t limit = 200);

// The registered name nearest to `unknown` by edit distance, or "" when none is close.
std::string_view nearest_field_name(std::string_view unknown);

}  // namespace wirelab::decode::filter
