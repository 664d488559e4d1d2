// The parsed shape of a display filter, before names and literals are checked against the
// field registry (that is the compiler's job, compiler.hpp).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "decode/filter/lexer.hpp"

namespace wirelab::decode::filter {

// One side of a relation: a word (field or literal), a "string" or a 'c' constant; words may
// carry a [slice].
struct Operand {
  TokenKind kind = TokenKind::Word;  // Word, String or CharConst
  std::string text;
  std::size_t pos = 0;
  std::size_t len = 0;
  std::optional<Token> slice;
};

struct SetElement {
  Operand low;
  std::optional<Operand> high;  // a range low..high
};

struct Expr {
  enum class Kind : std::uint8_t { Or, And, Not, Exists, Relation, In };
  Kind kind = Kind::Exists;
  std::vector<std::unique_ptr<Expr>> children;  // Or/And: two or more; Not: one
  Operand lhs;                  // Exists/Relation/In
  Operand rhs;                  // Relation
  TokenKind op = TokenKind::Eq; // Relation
  Token op_token;               // Relation/In, for messages
  bool negated_in = false;      // "not in"
  std::vector<SetElement> set;  // In
};

}  // namespace wirelab::decode::filter
