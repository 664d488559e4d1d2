// The operators of a filter test, and how an integer occurrence satisfies one.
#pragma once
#include <cstdint>

namespace wirelab::decode::filter {

enum class TestOp : std::uint8_t { Exists, Eq, AllEq, Ne, AnyNe, Lt, Gt, Le, Ge, Contains, Matches, BitAnd, In, NotIn };

// Whether one occurrence's 64-bit key satisfies an ordering operator against the literal's
// key. Eq, AllEq and Ne all test equality: the caller folds occurrences (any / all / none).
template <TestOp Op>
bool key_holds(std::uint64_t key, std::uint64_t literal) {
  if constexpr (Op == TestOp::AnyNe) return key != literal;
  if constexpr (Op == TestOp::Lt) return key < literal;
  if constexpr (Op == TestOp::Gt) return key > literal;
  if constexpr (Op == TestOp::Le) return key <= literal;
  if constexpr (Op == TestOp::Ge) return key >= literal;
  return key == literal;
}

}  // namespace wirelab::decode::filter
