// A compiled display filter: a tree of and/or/not over tests, each test a field (or slice)
// against a precompiled literal, set, regex or another field. Built by compiler.cpp.
//
// Occurrence semantics are Wireshark 4.0's:
//   ==  any occurrence equals          ===  every occurrence equals
//   !=  no occurrence equals ("all_ne", the same as !(a == b) when the field is present)
//   ~=  some occurrence differs        < > <= >= contains matches &: some occurrence
// A comparison with an absent field is false, whatever the operator; `not in` is the
// negation of `in`, so it holds when the field is absent.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <vector>

#include "decode/filter/field_operand.hpp"
#include "decode/filter/literal.hpp"

namespace wirelab::decode::filter {

enum class TestOp : std::uint8_t { Exists, Eq, AllEq, Ne, AnyNe, Lt, Gt, Le, Ge, Contains, Matches, BitAnd, In, NotIn };

struct SetItem {
  Literal low;
  std::optional<Literal> high;  // low..high, inclusive
};

struct Test {
  TestOp op = TestOp::Exists;
  ValueKind kind = ValueKind::Unsigned;  // how the two sides compare
  FieldOperand lhs;
  std::unique_ptr<FieldOperand> rhs_field;  // field == field; otherwise `rhs`
  Literal rhs;
  std::vector<SetItem> set;
  std::unique_ptr<std::regex> regex;

  bool evaluate(const FieldContext& ctx) const;

 private:
  bool pair_holds(const Scalar& a, const Scalar& b) const;
  bool in_set(const Scalar& a) const;
  bool evaluate_in(const FieldContext& ctx) const;
  bool regex_matches(const Scalar& a) const;
};

struct Node {
  enum class Kind : std::uint8_t { And, Or, Not, Test };
  Kind kind = Kind::Test;
  std::vector<std::uint32_t> children;  // And/Or/Not
  std::uint32_t test = 0;               // Test
};

class Program {
 public:
  std::uint32_t add_node(Node n) {
    nodes_.push_back(std::move(n));
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }
  std::uint32_t add_test(Test t) {
    tests_.push_back(std::move(t));
    return static_cast<std::uint32_t>(tests_.size() - 1);
  }
  void set_root(std::uint32_t r) { root_ = r; }
  bool empty() const { return nodes_.empty(); }

  bool matches(const FieldContext& ctx) const { return nodes_.empty() || eval(root_, ctx); }

 private:
  bool eval(std::uint32_t node, const FieldContext& ctx) const;

  std::vector<Node> nodes_;
  std::vector<Test> tests_;
  std::uint32_t root_ = 0;
};

}  // namespace wirelab::decode::filter
