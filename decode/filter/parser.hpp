// Tokens -> syntax tree. Precedence as in tshark 4.0 (lowest first): `or`, `and`, `not`,
// relations. Sets need commas between elements: `tcp.port in {80, 443}`.
#pragma once
#include <memory>
#include <string_view>

#include "decode/filter/syntax_tree.hpp"

namespace wirelab::decode::filter {

Result<std::unique_ptr<Expr>, FilterError> parse(std::string_view text);

}  // namespace wirelab::decode::filter
