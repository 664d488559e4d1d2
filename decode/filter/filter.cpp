#include "decode/filter/filter.hpp"

#include "decode/filter/compiler.hpp"
#include "decode/filter/parser.hpp"
#include "decode/filter/program.hpp"

namespace wirelab::decode::filter {

std::string FilterError::render(std::string_view filter_text) const {
  std::string out = message;
  out += "\n    ";
  for (char c : filter_text) out += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
  out += "\n    ";
  const std::size_t at = std::min(position, filter_text.size());
  out.append(at, ' ');
  out += '^';
  const std::size_t len = std::max<std::size_t>(length, 1);
  out.append(len - 1, '~');
  return out;
}

Filter::Filter() = default;
Filter::~Filter() = default;
Filter::Filter(Filter&&) noexcept = default;
Filter& Filter::operator=(Filter&&) noexcept = default;

bool Filter::matches(const FieldContext& ctx) const { return !program_ || program_->matches(ctx); }

bool Filter::empty() const { return !program_ || program_->empty(); }

Result<Filter, FilterError> compile(std::string_view text) {
  Filter f;
  f.text_ = std::string(text);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return f;
  auto tree = parse(text);
  if (!tree) return tree.error();
  auto program = compile_tree(*tree.value());
  if (!program) return program.error();
  f.program_ = std::move(program.value());
  return f;
}

}  // namespace wirelab::decode::filter
