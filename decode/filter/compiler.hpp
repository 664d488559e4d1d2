// Syntax tree -> Program: resolves names against the field registry, checks which operators
// each field type allows, and reads every literal once, for the type it is compared with.
#pragma once
#include <memory>
#include <string_view>

#include "decode/filter/program.hpp"
#include "decode/filter/syntax_tree.hpp"

namespace wirelab::decode::filter {

Result<std::unique_ptr<Program>, FilterError> compile_tree(const Expr& tree);

}  // namespace wirelab::decode::filter
