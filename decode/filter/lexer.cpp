#include "decode/filter/lexer.hpp"

#include <array>
#include <optional>
#include <utility>

namespace wirelab::decode::filter {
namespace {

struct Spelling {
  std::string_view text;
  TokenKind kind;
};

// Longest first, so "===" wins over "==" and "!==" over "!=".
constexpr std::array<Spelling, 19> kPunctuation{{
    {"===", TokenKind::AllEq}, {"!==", TokenKind::AnyNe}, {"==", TokenKind::Eq},  {"!=", TokenKind::Ne},
    {"~=", TokenKind::AnyNe},  {"<=", TokenKind::Le},     {">=", TokenKind::Ge},  {"&&", TokenKind::And},
    {"||", TokenKind::Or},     {"..", TokenKind::DotDot}, {"<", TokenKind::Lt},   {">", TokenKind::Gt},
    {"!", TokenKind::Not},     {"&", TokenKind::BitAnd},  {"(", TokenKind::LParen}, {")", TokenKind::RParen},
    {"{", TokenKind::LBrace},  {"}", TokenKind::RBrace},  {",", TokenKind::Comma},
}};

constexpr std::array<Spelling, 15> kKeywords{{
    {"and", TokenKind::And},       {"or", TokenKind::Or},         {"not", TokenKind::Not},
    {"eq", TokenKind::Eq},         {"ne", TokenKind::Ne},         {"lt", TokenKind::Lt},
    {"gt", TokenKind::Gt},         {"le", TokenKind::Le},         {"ge", TokenKind::Ge},
    {"contains", TokenKind::Contains}, {"matches", TokenKind::Matches}, {"in", TokenKind::In},
    {"all_eq", TokenKind::AllEq},  {"any_ne", TokenKind::AnyNe},  {"bitwise_and", TokenKind::BitAnd},
}};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == ':' || c == '-' || c == '/';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  Result<std::vector<Token>, FilterError> run() {
    std::vector<Token> out;
    while (true) {
      while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
      if (i_ >= s_.size()) break;
      Token t;
      t.pos = i_;
      if (auto err = next(t)) return std::move(*err);
      t.len = i_ - t.pos;
      out.push_back(std::move(t));
    }
    out.push_back(Token{.kind = TokenKind::End, .pos = s_.size(), .len = 0, .text = {}});
    return out;
  }

 private:
  std::optional<FilterError> next(Token& t) {
    const char c = s_[i_];
    if (c == '"') return quoted(t, false);
    if ((c == 'r' || c == 'R') && i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
      ++i_;
      return quoted(t, true);
    }
    if (c == '\'') return char_const(t);
    if (c == '[') return slice(t);
    for (const Spelling& p : kPunctuation) {
      if (s_.substr(i_, p.text.size()) == p.text) {
        t.kind = p.kind;
        i_ += p.text.size();
        return std::nullopt;
      }
    }
    if (is_word_char(c)) {
      const std::size_t start = i_;
      while (i_ < s_.size() && is_word_char(s_[i_])) {
        if (s_[i_] == '.' && i_ + 1 < s_.size() && s_[i_ + 1] == '.' && i_ > start) break;  // "1..5"
        ++i_;
      }
      t.text = std::string(s_.substr(start, i_ - start));
      t.kind = TokenKind::Word;
      for (const Spelling& k : kKeywords)
        if (t.text == k.text) t.kind = k.kind;
      return std::nullopt;
    }
    std::size_t n = 1;  // one UTF-8 character, for the message
    while (i_ + n < s_.size() && (static_cast<unsigned char>(s_[i_ + n]) & 0xC0) == 0x80) ++n;
    return FilterError{.message = "\"" + std::string(s_.substr(i_, n)) + "\" was unexpected in this context.",
                       .position = i_, .length = n};
  }

  std::optional<FilterError> quoted(Token& t, bool raw) {
    t.kind = TokenKind::String;
    ++i_;  // opening quote
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] != '\\') {
        t.text += s_[i_++];
        continue;
      }
      if (raw) {  // r"a\"b": the backslash stays, the quote does not end the string
        t.text += s_[i_++];
        if (i_ < s_.size()) t.text += s_[i_++];
        continue;
      }
      if (auto err = escape(t.text)) return err;
    }
    if (i_ >= s_.size())
      return FilterError{.message = "The final quote was missing from a quoted string.", .position = s_.size(),
                         .length = 1};
    ++i_;  // closing quote
    return std::nullopt;
  }

  std::optional<FilterError> char_const(Token& t) {
    t.kind = TokenKind::CharConst;
    const std::size_t start = i_++;
    if (i_ < s_.size() && s_[i_] == '\\') {
      if (auto err = escape(t.text)) return err;
    } else if (i_ < s_.size() && s_[i_] != '\'') {
      t.text += s_[i_++];
    }
    if (t.text.size() != 1 || i_ >= s_.size() || s_[i_] != '\'') {
      std::size_t end = s_.find('\'', start + 1);
      end = end == std::string_view::npos ? s_.size() : end + 1;
      return FilterError{.message = std::string(s_.substr(start, end - start)) + " is not a valid character constant.",
                         .position = start, .length = end - start};
    }
    ++i_;
    return std::nullopt;
  }

  // At a backslash: appends the escaped byte (\n \t \\ \" \xHH \NNN ...).
  std::optional<FilterError> escape(std::string& out) {
    const std::size_t start = i_++;
    if (i_ >= s_.size())
      return FilterError{.message = "The final quote was missing from a quoted string.", .position = s_.size(),
                         .length = 1};
    const char c = s_[i_++];
    switch (c) {
      case '\\': out += '\\'; return std::nullopt;
      case '"': out += '"'; return std::nullopt;
      case '\'': out += '\''; return std::nullopt;
      case 'a': out += '\a'; return std::nullopt;
      case 'b': out += '\b'; return std::nullopt;
      case 'f': out += '\f'; return std::nullopt;
      case 'n': out += '\n'; return std::nullopt;
      case 'r': out += '\r'; return std::nullopt;
      case 't': out += '\t'; return std::nullopt;
      case 'v': out += '\v'; return std::nullopt;
      default: break;
    }
    if (c == 'x' && i_ < s_.size() && hex_digit(s_[i_]) >= 0) {
      int v = hex_digit(s_[i_++]);
      if (i_ < s_.size() && hex_digit(s_[i_]) >= 0) v = v * 16 + hex_digit(s_[i_++]);
      out += static_cast<char>(v);
      return std::nullopt;
    }
    if (c >= '0' && c <= '7') {
      int v = c - '0';
      for (int k = 0; k < 2 && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '7'; ++k) v = v * 8 + (s_[i_++] - '0');
      if (v <= 0xff) {
        out += static_cast<char>(v);
        return std::nullopt;
      }
    }
    return FilterError{.message = std::string(s_.substr(start, i_ - start)) + " is not a valid character escape sequence",
                       .position = start, .length = i_ - start};
  }

  std::optional<FilterError> slice(Token& t) {
    t.kind = TokenKind::Slice;
    const std::size_t close = s_.find(']', i_);
    if (close == std::string_view::npos)
      return FilterError{.message = "The \"[\" here is never closed by \"]\".", .position = i_, .length = 1};
    t.text = std::string(s_.substr(i_ + 1, close - i_ - 1));
    i_ = close + 1;
    return std::nullopt;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::string_view token_spelling(TokenKind k) {
  switch (k) {
    case TokenKind::End: return "end of filter";
    case TokenKind::Word: return "word";
    case TokenKind::String: return "string";
    case TokenKind::CharConst: return "character constant";
    case TokenKind::Slice: return "[]";
    case TokenKind::Eq: return "==";
    case TokenKind::AllEq: return "===";
    case TokenKind::Ne: return "!=";
    case TokenKind::AnyNe: return "~=";
    case TokenKind::Lt: return "<";
    case TokenKind::Gt: return ">";
    case TokenKind::Le: return "<=";
    case TokenKind::Ge: return ">=";
    case TokenKind::Contains: return "contains";
    case TokenKind::Matches: return "matches";
    case TokenKind::In: return "in";
    case TokenKind::BitAnd: return "&";
    default: break;
  }
  for (const Spelling& p : kPunctuation)
    if (p.kind == k) return p.text;
  return "?";
}

bool is_relation(TokenKind k) {
  switch (k) {
    case TokenKind::Eq:
    case TokenKind::AllEq:
    case TokenKind::Ne:
    case TokenKind::AnyNe:
    case TokenKind::Lt:
    case TokenKind::Gt:
    case TokenKind::Le:
    case TokenKind::Ge:
    case TokenKind::Contains:
    case TokenKind::Matches:
    case TokenKind::BitAnd: return true;
    default: return false;
  }
}

Result<std::vector<Token>, FilterError> tokenize(std::string_view text) { return Scanner(text).run(); }

}  // namespace wirelab::decode::filter
