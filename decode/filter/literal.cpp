#include "decode/filter/literal.hpp"

#include <charconv>
#include <cstdlib>

namespace wirelab::decode::filter {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

FilterError at(const Operand& op, std::string message) {
  return {.message = std::move(message), .position = op.pos, .length = std::max<std::size_t>(op.len, 1)};
}

std::string quoted(const Operand& op) { return "\"" + op.text + "\""; }

// Integers as tshark reads them: decimal, 0x hex, 0b binary, leading-0 octal, optional '-'.
bool parse_integer(std::string_view s, bool& negative, std::uint64_t& magnitude) {
  negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
    base = 2;
    s.remove_prefix(2);
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  return ec == std::errc() && end == s.data() + s.size();
}

// "1.25" seconds -> nanoseconds.
bool parse_seconds(std::string_view s, std::int64_t& ns) {
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return false;
  std::int64_t sec = 0;
  if (!whole.empty()) {
    auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), sec);
    if (ec != std::errc() || end != whole.data() + whole.size() || sec > 9'000'000'000) return false;
  }
  std::int64_t sub = 0;
  for (std::size_t k = 0; k < 9; ++k) {
    int digit = 0;
    if (k < frac.size()) {
      if (frac[k] < '0' || frac[k] > '9') return false;
      digit = frac[k] - '0';
    }
    sub = sub * 10 + digit;
  }
  for (std::size_t k = 9; k < frac.size(); ++k)
    if (frac[k] < '0' || frac[k] > '9') return false;
  ns = sec * 1'000'000'000 + sub;
  if (negative) ns = -ns;
  return true;
}

bool split_prefix(std::string_view text, std::string_view& addr, std::string_view& bits) {
  const std::size_t slash = text.find('/');
  addr = text.substr(0, slash);
  bits = slash == std::string_view::npos ? std::string_view() : text.substr(slash + 1);
  return slash != std::string_view::npos;
}

Result<Literal, FilterError> integer_literal(const Operand& op, LiteralSyntax syntax, const FieldDef& field) {
  Literal lit;
  if (op.kind == TokenKind::CharConst) {
    lit.base().u = static_cast<unsigned char>(op.text[0]);
    lit.base().i = static_cast<unsigned char>(op.text[0]);
    return lit;
  }
  if (op.kind == TokenKind::String)
    return at(op, std::string(type_name(field.type)) + " cannot be converted from a string (" + quoted(op) + ").");
  if (syntax == LiteralSyntax::Bool) {
    if (op.text == "True" || op.text == "TRUE" || op.text == "Set") {
      lit.base().u = 1;
      return lit;
    }
    if (op.text == "False" || op.text == "FALSE") return lit;
  }
  bool negative = false;
  std::uint64_t magnitude = 0;
  if (!parse_integer(op.text, negative, magnitude)) {
    if (syntax == LiteralSyntax::Bool)
      return at(op, quoted(op) + " cannot be found among the possible values for " + std::string(field.name) + ".");
    return at(op, quoted(op) + " is not a valid number.");
  }
  if (syntax == LiteralSyntax::Signed) {
    if (magnitude > static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1u : 0u))
      return at(op, quoted(op) + " is out of range for a 64-bit signed integer.");
    lit.base().i = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return lit;
  }
  // tshark wraps a negative literal for an unsigned field: `tcp.port > -1` selects nothing.
  lit.base().u = negative ? 0 - magnitude : magnitude;
  if (field.type == FieldType::Hex && field.hex_digits > 0 && field.hex_digits < 16 && !negative) {
    const std::uint64_t max = (std::uint64_t{1} << (4 * field.hex_digits)) - 1;
    if (magnitude > max) return at(op, quoted(op) + " too big for this field, maximum " + std::to_string(max) + ".");
  }
  return lit;
}

Result<Literal, FilterError> address_literal(const Operand& op, LiteralSyntax syntax) {
  const bool v4 = syntax == LiteralSyntax::Ipv4;
  const char* family = v4 ? "IPv4" : "IPv6";
  if (op.kind != TokenKind::Word)
    return at(op, std::string(family) + " address cannot be converted from a string (" + quoted(op) + ").");
  std::string_view addr, bits;
  const bool has_prefix = split_prefix(op.text, addr, bits);
  Literal lit;
  Scalar& s = lit.base();
  bool ok = false;
  if (v4) {
    std::uint32_t a = 0;
    ok = parse_ipv4(addr, a);
    s.u = a;
  } else {
    ok = parse_ipv6(addr, s.v6);
  }
  if (!ok) return at(op, quoted(op) + " is not a valid hostname or " + family + " address.");
  const unsigned max_bits = v4 ? 32 : 128;
  s.prefix = static_cast<std::uint8_t>(max_bits);
  if (has_prefix) {
    unsigned n = 0;
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
    if (ec != std::errc() || end != bits.data() + bits.size() || bits.empty())
      return at(op, quoted(op) + " is not a valid hostname or " + family + " address.");
    if (n > max_bits)
      return at(op, "Netmask bits in a CIDR " + std::string(family) + " address should be <= " +
                        std::to_string(max_bits) + ", not " + std::to_string(n));
    s.prefix = static_cast<std::uint8_t>(n);
  }
  return lit;
}

Result<Literal, FilterError> bytes_literal(const Operand& op, LiteralSyntax syntax) {
  Literal lit;
  auto& out = lit.storage();
  if (op.kind != TokenKind::Word) {  // "text" or 'c': the characters' bytes
    for (char c : op.text) out.push_back(static_cast<std::byte>(c));
    if (syntax != LiteralSyntax::Mac) return lit;
  } else if (!parse_byte_string(op.text, out)) {
    return at(op, quoted(op) + (syntax == LiteralSyntax::Mac ? " is not a valid Ethernet address."
                                                             : " is not a valid byte string."));
  }
  if (syntax == LiteralSyntax::Mac && out.size() != 6)
    return at(op, quoted(op) + (out.size() < 6 ? " contains too few bytes" : " contains too many bytes") +
                      " to be a valid Ethernet address.");
  return lit;
}

}  // namespace

LiteralSyntax literal_syntax(FieldType t) {
  switch (t) {
    case FieldType::UInt:
    case FieldType::Hex:
    case FieldType::FrameNum: return LiteralSyntax::Unsigned;
    case FieldType::Int: return LiteralSyntax::Signed;
    case FieldType::Bool: return LiteralSyntax::Bool;
    case FieldType::Ipv4: return LiteralSyntax::Ipv4;
    case FieldType::Ipv6: return LiteralSyntax::Ipv6;
    case FieldType::Mac: return LiteralSyntax::Mac;
    case FieldType::Protocol:
    case FieldType::Bytes: return LiteralSyntax::ByteString;
    case FieldType::String: return LiteralSyntax::Text;
    case FieldType::AbsTime:
    case FieldType::RelTime: return LiteralSyntax::Time;
    case FieldType::Double: return LiteralSyntax::Double;
  }
  return LiteralSyntax::ByteString;
}

bool parse_byte_string(std::string_view s, std::vector<std::byte>& out) {
  out.clear();
  if (s.empty()) return false;
  auto hex_run = [&](std::string_view run) {
    if (run.empty() || run.size() % 2) return false;
    for (std::size_t k = 0; k < run.size(); k += 2) {
      const int hi = hex_value(run[k]), lo = hex_value(run[k + 1]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<std::byte>(hi * 16 + lo));
    }
    return true;
  };
  if (s.size() == 1) {  // "a" is one byte, 0x0a
    const int v = hex_value(s[0]);
    if (v < 0) return false;
    out.push_back(static_cast<std::byte>(v));
    return true;
  }
  const std::size_t sep_at = s.find_first_of(":-.");
  if (sep_at == std::string_view::npos) return hex_run(s);
  const char sep = s[sep_at];
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find(sep, start), s.size());
    if (!hex_run(s.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

Result<Literal, FilterError> parse_literal(const Operand& op, LiteralSyntax syntax, const FieldDef& field) {
  switch (syntax) {
    case LiteralSyntax::Unsigned:
    case LiteralSyntax::Signed:
    case LiteralSyntax::Bool: return integer_literal(op, syntax, field);
    case LiteralSyntax::Ipv4:
    case LiteralSyntax::Ipv6: return address_literal(op, syntax);
    case LiteralSyntax::Mac:
    case LiteralSyntax::ByteString: return bytes_literal(op, syntax);
    case LiteralSyntax::Text: {
      Literal lit;
      for (char c : op.text) lit.storage().push_back(static_cast<std::byte>(c));
      return lit;
    }
    case LiteralSyntax::Time: {
      Literal lit;
      if (op.kind != TokenKind::Word)
        return at(op, std::string(type_name(field.type)) + " cannot be converted from a string (" + quoted(op) + ").");
      if (!parse_seconds(op.text, lit.base().i)) return at(op, quoted(op) + " is not a valid time in seconds.");
      return lit;
    }
    case LiteralSyntax::Double: {
      Literal lit;
      const char* begin = op.text.c_str();
      char* end = nullptr;
      lit.base().d = std::strtod(begin, &end);
      if (op.kind != TokenKind::Word || op.text.empty() || end != begin + op.text.size())
        return at(op, quoted(op) + " is not a valid number.");
      return lit;
    }
  }
  return at(op, "Unsupported literal.");
}

}  // namespace wirelab::decode::filter
