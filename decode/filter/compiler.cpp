#include "decode/filter/compiler.hpp"

#include <charconv>

#include "decode/filter/filter.hpp"

namespace wirelab::decode::filter {
namespace {

FilterError error_at(const Operand& op, std::string message) {
  return {.message = std::move(message), .position = op.pos, .length = std::max<std::size_t>(op.len, 1)};
}

std::string as_written(const Operand& op) {
  if (op.kind == TokenKind::String) return "\"" + op.text + "\"";
  if (op.kind == TokenKind::CharConst) return "'" + op.text + "'";
  return op.text;
}

// "tcp.prot" looks like a name someone meant as a field; "80" or "10.0.0.1" do not.
bool looks_like_name(std::string_view w) {
  if (w.empty() || !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'))) return false;
  for (char c : w)
    if (c == ':' || c == '/') return false;
  return true;
}

TestOp test_op(TokenKind k) {
  switch (k) {
    case TokenKind::Eq: return TestOp::Eq;
    case TokenKind::AllEq: return TestOp::AllEq;
    case TokenKind::Ne: return TestOp::Ne;
    case TokenKind::AnyNe: return TestOp::AnyNe;
    case TokenKind::Lt: return TestOp::Lt;
    case TokenKind::Gt: return TestOp::Gt;
    case TokenKind::Le: return TestOp::Le;
    case TokenKind::Ge: return TestOp::Ge;
    case TokenKind::Contains: return TestOp::Contains;
    case TokenKind::Matches: return TestOp::Matches;
    case TokenKind::BitAnd: return TestOp::BitAnd;
    default: return TestOp::Exists;
  }
}

bool parse_offset(std::string_view s, std::int64_t& v) {
  if (s.empty() || s.size() > 12) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "0:3", "-2:", "2-4", ":6", "1", and comma-separated lists of those.
bool parse_slice(std::string_view spec, std::vector<SliceRange>& out) {
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', start), spec.size());
    const std::string_view item = trim(spec.substr(start, comma - start));
    start = comma + 1;
    SliceRange r;
    const std::size_t colon = item.find(':');
    const std::size_t dash = item.find('-', 1);  // a leading '-' is a negative offset
    if (colon != std::string_view::npos) {
      const std::string_view first = trim(item.substr(0, colon)), second = trim(item.substr(colon + 1));
      if (first.empty()) r.start = 0;
      else if (!parse_offset(first, r.start)) return false;
      if (second.empty()) {
        r.kind = SliceRange::Kind::ToEnd;
      } else {
        r.kind = SliceRange::Kind::Length;
        if (!parse_offset(second, r.value) || r.value <= 0) return false;
      }
    } else if (dash != std::string_view::npos) {
      r.kind = SliceRange::Kind::Through;
      if (!parse_offset(trim(item.substr(0, dash)), r.start) || !parse_offset(trim(item.substr(dash + 1)), r.value))
        return false;
    } else {
      r.kind = SliceRange::Kind::One;
      if (!parse_offset(item, r.start)) return false;
    }
    out.push_back(r);
  }
  return !out.empty();
}

bool kinds_compatible(ValueKind a, ValueKind b) {
  auto numeric = [](ValueKind k) { return k == ValueKind::Unsigned || k == ValueKind::Bool; };
  auto bytes_like = [](ValueKind k) { return k == ValueKind::Bytes || k == ValueKind::String; };
  return a == b || (numeric(a) && numeric(b)) || (bytes_like(a) && bytes_like(b));
}

// PCRE's "." is any byte but \n; ECMAScript's also refuses \r, so rewrite "." outside
// bracket expressions as "[^\n]" (binary payloads are full of \r bytes).
std::string pcre_dots_for_ecmascript(std::string_view pattern) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
    } else if (in_class) {
      out += c;
      if (c == ']') in_class = false;
    } else if (c == '[') {
      out += c;
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];  // "[]...]": literal ]
    } else if (c == '.') {
      out += "[^\\n]";
    } else {
      out += c;
    }
  }
  return out;
}

class Compiler {
 public:
  Result<std::unique_ptr<Program>, FilterError> run(const Expr& tree) {
    auto program = std::make_unique<Program>();
    program_ = program.get();
    const auto root = node(tree);
    if (error_) return std::move(*error_);
    program->set_root(root);
    return program;
  }

 private:
  std::uint32_t fail(FilterError e) {
    if (!error_) error_ = std::move(e);
    return 0;
  }

  std::uint32_t node(const Expr& e) {
    if (error_) return 0;
    Node n;
    switch (e.kind) {
      case Expr::Kind::Or:
      case Expr::Kind::And:
      case Expr::Kind::Not:
        n.kind = e.kind == Expr::Kind::Or ? Node::Kind::Or : e.kind == Expr::Kind::And ? Node::Kind::And : Node::Kind::Not;
        for (const auto& c : e.children) n.children.push_back(node(*c));
        break;
      case Expr::Kind::Exists:
      case Expr::Kind::Relation:
      case Expr::Kind::In: {
        auto t = test(e);
        if (error_) return 0;
        t.prepare();
        n.kind = Node::Kind::Test;
        n.test = program_->add_test(std::move(t));
        break;
      }
    }
    return program_->add_node(std::move(n));
  }

  // The field an operand names (with its slice), or nullptr and an error.
  // `not_field` is the message for an operand that is no name at all ("80", "\"abc\"").
  std::optional<FieldOperand> field(const Operand& op, const std::string& not_field) {
    const FieldDef* def = op.kind == TokenKind::Word ? FieldRegistry::instance().find(op.text) : nullptr;
    if (!def) {
      std::string msg;
      if (op.kind == TokenKind::Word && looks_like_name(op.text)) {
        msg = "\"" + op.text + "\" is neither a field nor a protocol name.";
        if (auto near = nearest_field_name(op.text); !near.empty()) msg += " Did you mean \"" + std::string(near) + "\"?";
      } else {
        msg = not_field;
      }
      fail(error_at(op, std::move(msg)));
      return std::nullopt;
    }
    std::vector<SliceRange> slice;
    if (op.slice) {
      if (!sliceable(def->type)) {
        fail(error_at(op, "\"" + op.text + "\" is a " + std::string(type_name(def->type)) +
                              " and cannot be sliced into a sequence of bytes."));
        return std::nullopt;
      }
      if (!parse_slice(op.slice->text, slice)) {
        fail({.message = "\"[" + op.slice->text + "]\" is not a valid slice (use [i], [i:len], [i-j], [i:] or [:len]).",
              .position = op.slice->pos, .length = op.slice->len});
        return std::nullopt;
      }
    }
    return FieldOperand(*def, std::move(slice));
  }

  Test test(const Expr& e) {
    Test t;
    if (e.kind == Expr::Kind::Exists) {
      auto f = field(e.lhs, as_written(e.lhs) + " is neither a field nor a protocol name.");
      if (!f) return t;
      t.lhs = std::move(*f);
      return t;
    }
    const std::string op_text(token_spelling(e.op_token.kind));
    auto f = field(e.lhs, "Left side of \"" + op_text + "\" expression must be a field or function, not " +
                              as_written(e.lhs) + ".");
    if (!f) return t;
    t.lhs = std::move(*f);
    t.kind = t.lhs.kind();
    const FieldDef& def = t.lhs.def();
    auto cannot = [&](const char* what) {
      fail(error_at(e.lhs, std::string(def.name) + " (type=" + std::string(type_name(def.type)) +
                               ") cannot participate in " + what + " comparison."));
    };
    if (e.kind == Expr::Kind::In) {
      if (t.lhs.sliced()) {
        fail(error_at(e.lhs, "Only a field may be tested for membership in a set."));
        return t;
      }
      t.op = e.negated_in ? TestOp::NotIn : TestOp::In;
      const LiteralSyntax syntax = literal_syntax(def.type);
      for (const SetElement& el : e.set) {
        SetItem item;
        if (!literal(el.low, syntax, def, item.low)) return t;
        if (el.high && !literal(*el.high, syntax, def, item.high.emplace())) return t;
        t.set.push_back(std::move(item));
      }
      return t;
    }
    t.op = test_op(e.op);
    const bool bytes_like = t.kind == ValueKind::Bytes || t.kind == ValueKind::String;
    if ((t.op == TestOp::Contains || t.op == TestOp::Matches) && !bytes_like) {
      cannot(t.op == TestOp::Contains ? "contains" : "matches");
      return t;
    }
    if (t.op == TestOp::BitAnd && (t.kind == ValueKind::String || t.kind == ValueKind::Double ||
                                   t.kind == ValueKind::Ipv4 || t.kind == ValueKind::Ipv6)) {
      cannot("bitwise and");
      return t;
    }
    if (t.op == TestOp::Matches) {
      compile_regex(e.rhs, t);
      return t;
    }
    // The right side is another field when it names one.
    if (e.rhs.kind == TokenKind::Word && FieldRegistry::instance().find(e.rhs.text)) {
      auto rf = field(e.rhs, {});
      if (!rf) return t;
      if (!kinds_compatible(t.kind, rf->kind())) {
        fail(error_at(e.rhs, std::string(def.name) + " and " + std::string(rf->def().name) +
                                 " are not of compatible types (" + std::string(type_name(def.type)) + ", " +
                                 std::string(type_name(rf->def().type)) + ")."));
        return t;
      }
      t.rhs_field = std::make_unique<FieldOperand>(std::move(*rf));
      return t;
    }
    if (e.rhs.slice) {
      fail({.message = "Only fields can be sliced; \"" + e.rhs.text + "\" is not a field.", .position = e.rhs.slice->pos,
            .length = e.rhs.slice->len});
      return t;
    }
    LiteralSyntax syntax = literal_syntax(def.type);
    if (t.lhs.sliced() || (t.kind == ValueKind::Bytes && t.op == TestOp::Contains) ||
        (t.op == TestOp::BitAnd && def.type != FieldType::Mac && t.kind == ValueKind::Bytes))
      syntax = LiteralSyntax::ByteString;
    literal(e.rhs, syntax, def, t.rhs);
    return t;
  }

  bool literal(const Operand& op, LiteralSyntax syntax, const FieldDef& def, Literal& out) {
    if (op.slice) {
      fail({.message = "Only fields can be sliced; \"" + op.text + "\" is not a field.", .position = op.slice->pos,
            .length = op.slice->len});
      return false;
    }
    auto lit = parse_literal(op, syntax, def);
    if (!lit) {
      fail(lit.error());
      return false;
    }
    out = std::move(lit.value());
    return true;
  }

  // Wireshark's PCRE2 matching is case-insensitive unless the pattern starts with (?-i).
  void compile_regex(const Operand& op, Test& t) {
    std::string pattern = op.text;
    auto flags = std::regex::ECMAScript | std::regex::icase;
    if (pattern.rfind("(?i)", 0) == 0) {
      pattern.erase(0, 4);
    } else if (pattern.rfind("(?-i)", 0) == 0) {
      pattern.erase(0, 5);
      flags = std::regex::ECMAScript;
    }
#if defined(__GLIBCXX__)
    // libstdc++'s default matcher recurses once per input byte; the polynomial (breadth-first)
    // one does not, so a long payload cannot exhaust the stack.
    flags |= std::regex_constants::__polynomial;
#endif
    // Bounds that keep libstdc++'s regex compiler safe: it recurses per nesting level and
    // overflows on long numbers (counts, back-references).
    int depth = 0, max_depth = 0;
    std::size_t max_digits = 0;  // of a back-reference (\12) or a repeat count ({3,12})
    bool in_braces = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const char c = pattern[i];
      if (c == '(') max_depth = std::max(max_depth, ++depth);
      if (c == ')') --depth;
      if (c == '{' || c == '}') in_braces = c == '{';
      if (c == '\\' || c == '{' || (c == ',' && in_braces)) {
        std::size_t n = 0;
        while (i + 1 + n < pattern.size() && pattern[i + 1 + n] >= '0' && pattern[i + 1 + n] <= '9') ++n;
        max_digits = std::max(max_digits, n);
        if (c == '\\' && n == 0) ++i;  // skip the escaped character
      }
    }
    if (max_depth > 32 || pattern.size() > 1000 || max_digits > 6) {
      fail(error_at(op, "Regex compilation error: the pattern is too long, nested too deeply or has a number "
                        "above 999999."));
      return;
    }
    try {
      t.regex = std::make_unique<std::regex>(pcre_dots_for_ecmascript(pattern), flags);
    } catch (const std::regex_error& ex) {
      fail(error_at(op, std::string("Regex compilation error: ") + ex.what() + "."));
    }
  }

  Program* program_ = nullptr;
  std::optional<FilterError> error_;
};

}  // namespace

Result<std::unique_ptr<Program>, FilterError> compile_tree(const Expr& tree) { return Compiler().run(tree); }

}  // namespace wirelab::decode::filter
