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

#include "decode/filter/direct_reader.hpp"
#include "decode/filter/field_operand.hpp"
#include "decode/filter/literal.hpp"
#include "decode/filter/test_op.hpp"

namespace wirelab::decode::filter {

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

  bool evaluate(const FieldContext& ctx) const { return direct_ ? direct_(integer_, ctx) : run_(*this, ctx); }
  // Called once compiled: picks the evaluation routine (an integer fast path when it applies).
  void prepare();

 private:
  bool pair_holds(const Scalar& a, const Scalar& b) const;
  bool in_set(const Scalar& a) const;
  bool evaluate_in(const FieldContext& ctx) const;
  bool evaluate_scalars(const FieldContext& ctx) const;

  using Routine = bool (*)(const Test&, const FieldContext&);
  static bool evaluate_generic(const Test& t, const FieldContext& ctx);
  template <TestOp Op>
  static bool evaluate_numeric(const Test& t, const FieldContext& ctx);
  static bool evaluate_protocol_exists(const Test& t, const FieldContext& ctx);
  // The integer routine of the operator for a field without a direct reader, or nullptr.
  static Routine numeric_routine(TestOp op);

  Routine run_ = &Test::evaluate_generic;
  // Integer fast paths (unsliced integer, boolean or IPv4 field against a literal): values
  // compare as plain 64-bit keys (see IntegerTest), without building Scalars. A field with
  // a direct reader runs direct_, the others evaluate_numeric (through the registry).
  IntegerTest integer_;
  IntegerRoutine direct_ = nullptr;
  bool regex_matches(const Scalar& a) const;
};

struct Node {
  enum class Kind : std::uint8_t { And, Or, Not, Test };
  Kind kind = Kind::Test;
  std::vector<std::uint32_t> children;  // And/Or/Not
  std::uint32_t test = 0;               // Test
};

// The tree is flattened into straight-line code with short-circuit jumps, so evaluation is
// one loop over a few instructions (no recursion, no pointer chasing):
//   a && (b || !c)  ->  TEST a; JUMP_IF_FALSE end; TEST b; JUMP_IF_TRUE end; TEST c; NOT; end:
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
  // Called once every node is added: generates the code from the tree rooted at `root`.
  void set_root(std::uint32_t root);
  bool empty() const { return code_.empty(); }

  bool matches(const FieldContext& ctx) const;

 private:
  struct Instr {
    enum class Op : std::uint8_t { Test, Not, JumpIfFalse, JumpIfTrue };
    Op op = Op::Test;
    std::uint32_t arg = 0;  // Test: test index; jumps: target instruction
  };
  void emit(std::uint32_t node);
  bool matches_several(const FieldContext& ctx) const;

  std::vector<Node> nodes_;
  std::vector<Test> tests_;
  std::vector<Instr> code_;
  // When the program is one test or tests joined by a single and/or (`ip.dst == X and
  // udp.port == Y`): those tests, evaluated in order without the interpreter.
  std::vector<const Test*> flat_;
  bool flat_decides_on_ = false;  // the result that ends the evaluation early: true for or
};

}  // namespace wirelab::decode::filter
