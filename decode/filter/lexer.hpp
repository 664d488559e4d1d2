// Display-filter text -> tokens, following tshark 4.0's scanner where users notice it:
// lower-case keywords only (`and`, not `AND`), C-like escapes in "strings", raw r"strings",
// 'c' character constants, [slice] specs kept whole, `..` splitting set ranges.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decode/filter/filter_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode::filter {

enum class TokenKind : std::uint8_t {
  End,
  Word,       // unquoted: a field name or a literal (80, 10.0.0.0/8, 00:11:22, True)
  String,     // "quoted" (text holds the unescaped bytes)
  CharConst,  // 'a' (text holds the one byte)
  Slice,      // [0:3] (text holds what is between the brackets)
  LParen,
  RParen,
  LBrace,
  RBrace,
  Comma,
  DotDot,
  And,
  Or,
  Not,
  Eq,     // == eq          any pair equal
  AllEq,  // === all_eq     every pair equal
  Ne,     // != ne          no pair equal (4.0: "all not equal")
  AnyNe,  // ~= !== any_ne  some pair differs
  Lt,
  Gt,
  Le,
  Ge,
  Contains,
  Matches,
  In,
  BitAnd,  // & bitwise_and
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::size_t pos = 0;  // offset in the filter text
  std::size_t len = 0;  // length in the filter text
  std::string text;     // Word: as written; String/CharConst: unescaped; Slice: inside []
};

// The spelling of a token kind for messages ("==", "and", ...).
std::string_view token_spelling(TokenKind k);
bool is_relation(TokenKind k);

Result<std::vector<Token>, FilterError> tokenize(std::string_view text);

}  // namespace wirelab::decode::filter
