#include "decode/filter/program.hpp"

namespace wirelab::decode::filter {

bool Test::pair_holds(const Scalar& a, const Scalar& b) const {
  switch (op) {
    case TestOp::Eq:
    case TestOp::AllEq: return compare(kind, a, b) == 0;
    case TestOp::Ne:  // evaluate() negates "some pair is equal"
      return compare(kind, a, b) == 0;
    case TestOp::AnyNe: return compare(kind, a, b) != 0;
    case TestOp::Lt: return compare(kind, a, b) < 0;
    case TestOp::Gt: return compare(kind, a, b) > 0;
    case TestOp::Le: return compare(kind, a, b) <= 0;
    case TestOp::Ge: return compare(kind, a, b) >= 0;
    case TestOp::Contains: return contains(a, b);
    case TestOp::BitAnd:
      if (kind == ValueKind::Bytes) {  // `tcp[13] & 02`: some common byte has a common bit
        for (std::size_t k = 0; k < a.bytes.size() && k < b.bytes.size(); ++k)
          if ((a.bytes[k] & b.bytes[k]) != std::byte{0}) return true;
        return false;
      }
      return kind == ValueKind::Signed ? (a.i & b.i) != 0 : (a.u & b.u) != 0;
    default: return false;
  }
}

bool Test::in_set(const Scalar& a) const {
  for (const SetItem& item : set) {
    const Scalar low = item.low.scalar();
    if (!item.high) {
      if (compare(kind, a, low) == 0) return true;
    } else if (compare(kind, a, low) >= 0 && compare(kind, a, item.high->scalar()) <= 0) {
      return true;
    }
  }
  return false;
}

bool Test::regex_matches(const Scalar& a) const {
  const std::string_view s = as_chars(a.bytes);
  try {
    return std::regex_search(s.begin(), s.end(), *regex);
  } catch (const std::regex_error&) {
    return false;  // too complex for this value: treat as no match rather than abort
  }
}

bool Test::evaluate(const FieldContext& ctx) const {
  // `x not in {...}` is `!(x in {...})`: true when x is absent (unlike !=).
  if (op == TestOp::NotIn) return !evaluate_in(ctx);
  const std::size_t n = lhs.collect(ctx);
  Scalar a, b;
  if (op == TestOp::Exists) {
    if (!lhs.sliced()) return n > 0;
    for (std::size_t i = 0; i < n; ++i)
      if (lhs.scalar(ctx, i, a)) return true;
    return false;
  }
  if (n == 0) return false;
  const std::size_t m = rhs_field ? rhs_field->collect(ctx) : 1;
  if (m == 0) return false;
  const Scalar literal = rhs.scalar();

  // "any": some pair holds; "all" operators are built from it.
  bool any = false, any_fail = false, seen = false;
  for (std::size_t i = 0; i < n && !(any && op != TestOp::AllEq); ++i) {
    if (!lhs.scalar(ctx, i, a)) continue;
    if (op == TestOp::Matches || op == TestOp::In) {
      seen = true;
      if (op == TestOp::Matches ? regex_matches(a) : in_set(a)) any = true;
      continue;
    }
    for (std::size_t j = 0; j < m; ++j) {
      if (rhs_field && !rhs_field->scalar(ctx, j, b)) continue;
      seen = true;
      if (pair_holds(a, rhs_field ? b : literal)) {
        any = true;
        if (op != TestOp::AllEq) break;
      } else {
        any_fail = true;
      }
    }
  }
  if (!seen) return false;
  switch (op) {
    case TestOp::Ne: return !any;
    case TestOp::AllEq: return any && !any_fail;
    default: return any;
  }
}

bool Test::evaluate_in(const FieldContext& ctx) const {
  const std::size_t n = lhs.collect(ctx);
  Scalar a;
  for (std::size_t i = 0; i < n; ++i)
    if (lhs.scalar(ctx, i, a) && in_set(a)) return true;
  return false;
}

bool Program::eval(std::uint32_t index, const FieldContext& ctx) const {
  const Node& node = nodes_[index];
  switch (node.kind) {
    case Node::Kind::Test: return tests_[node.test].evaluate(ctx);
    case Node::Kind::Not: return !eval(node.children[0], ctx);
    case Node::Kind::And:
      for (std::uint32_t c : node.children)
        if (!eval(c, ctx)) return false;
      return true;
    case Node::Kind::Or:
      for (std::uint32_t c : node.children)
        if (eval(c, ctx)) return true;
      return false;
  }
  return false;
}

}  // namespace wirelab::decode::filter
