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

namespace {

// Orders signed values like unsigned keys (flip the sign bit).
constexpr std::uint64_t kSignFlip = std::uint64_t{1} << 63;

std::uint64_t ipv4_prefix_mask(unsigned bits) {
  return bits >= 32 ? 0xffffffffu : (bits == 0 ? 0 : (0xffffffffu << (32 - bits)) & 0xffffffffu);
}

}  // namespace

void Test::prepare() {
  run_ = &Test::evaluate_generic;
  direct_ = nullptr;
  if (rhs_field || lhs.sliced()) return;
  const FieldDef& def = lhs.def();
  integer_.proto = def.proto;
  integer_.read = direct_reader(def);
  if (op == TestOp::Exists) {
    if (def.type == FieldType::Protocol) run_ = &Test::evaluate_protocol_exists;
    else direct_ = direct_routine(def, op);
    return;
  }
  const bool integer_kind = kind == ValueKind::Unsigned || kind == ValueKind::Signed || kind == ValueKind::Bool ||
                            kind == ValueKind::Ipv4;
  const Routine numeric = integer_kind ? numeric_routine(op) : nullptr;
  if (!numeric) return;
  direct_ = direct_routine(def, op);
  if (!direct_) run_ = numeric;
  const Scalar lit = rhs.scalar();
  switch (kind) {
    case ValueKind::Unsigned: integer_.literal = lit.u; break;
    case ValueKind::Signed:  // order signed values as unsigned keys: flip the sign bit
      integer_.key_xor = kSignFlip;
      integer_.literal = static_cast<std::uint64_t>(lit.i) ^ kSignFlip;
      break;
    case ValueKind::Bool:
      integer_.truth = true;
      integer_.literal = lit.u != 0;
      break;
    case ValueKind::Ipv4:
      integer_.key_mask = ipv4_prefix_mask(lit.prefix);
      integer_.literal = lit.u & integer_.key_mask;
      break;
    default: break;
  }
}

Test::Routine Test::numeric_routine(TestOp op) {
  switch (op) {
    case TestOp::Eq: return &Test::evaluate_numeric<TestOp::Eq>;
    case TestOp::AllEq: return &Test::evaluate_numeric<TestOp::AllEq>;
    case TestOp::Ne: return &Test::evaluate_numeric<TestOp::Ne>;
    case TestOp::AnyNe: return &Test::evaluate_numeric<TestOp::AnyNe>;
    case TestOp::Lt: return &Test::evaluate_numeric<TestOp::Lt>;
    case TestOp::Gt: return &Test::evaluate_numeric<TestOp::Gt>;
    case TestOp::Le: return &Test::evaluate_numeric<TestOp::Le>;
    case TestOp::Ge: return &Test::evaluate_numeric<TestOp::Ge>;
    default: return nullptr;
  }
}

bool Test::evaluate_protocol_exists(const Test& t, const FieldContext& ctx) {
  const LayerList& layers = ctx.packet.layers;
  const Proto p = t.integer_.proto;
  bool known = false;
  if (const Layer* only = layers.only_layer(p, known); known) return only != nullptr;
  // SLL2 layers answer to "sll", as in FieldRegistry::extract.
  const Proto alias = p == Proto::Sll ? Proto::Sll2 : p;
  for (const Layer& l : layers)
    if (l.proto == p || l.proto == alias) return true;
  return false;
}

template <TestOp Op>
bool Test::evaluate_numeric(const Test& t, const FieldContext& ctx) {
  if (t.lhs.collect(ctx) == 0) return false;
  const IntegerTest& k = t.integer_;
  bool any = false;
  for (const FieldValue& v : t.lhs.values()) {
    const std::uint64_t key = k.truth ? std::uint64_t{v.u != 0} : (v.u ^ k.key_xor) & k.key_mask;
    const bool holds = key_holds<Op>(key, k.literal);
    if constexpr (Op == TestOp::AllEq) {
      if (!holds) return false;
      any = true;
    } else if (holds) {
      return Op != TestOp::Ne;  // != is "no occurrence equals"
    }
  }
  if constexpr (Op == TestOp::AllEq) return any;
  return Op == TestOp::Ne;  // collect() found at least one value
}

bool Test::evaluate_generic(const Test& t, const FieldContext& ctx) { return t.evaluate_scalars(ctx); }

bool Test::evaluate_scalars(const FieldContext& ctx) const {
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

void Program::set_root(std::uint32_t root) {
  code_.clear();
  emit(root);
  // The common shapes skip the interpreter: one test, or tests joined by one and/or.
  flat_.clear();
  const Node& top = nodes_[root];
  if (top.kind == Node::Kind::Test) {
    flat_.push_back(&tests_[top.test]);
  } else if (top.kind == Node::Kind::And || top.kind == Node::Kind::Or) {
    for (std::uint32_t c : top.children) {
      if (nodes_[c].kind != Node::Kind::Test) {
        flat_.clear();
        break;
      }
      flat_.push_back(&tests_[nodes_[c].test]);
    }
  }
  flat_decides_on_ = top.kind == Node::Kind::Or;
}

void Program::emit(std::uint32_t index) {
  const Node& node = nodes_[index];
  switch (node.kind) {
    case Node::Kind::Test: code_.push_back({Instr::Op::Test, node.test}); return;
    case Node::Kind::Not:
      emit(node.children[0]);
      code_.push_back({Instr::Op::Not, 0});
      return;
    case Node::Kind::And:
    case Node::Kind::Or: {
      // Each child but the last decides the whole when it is false (and) / true (or).
      const auto jump = node.kind == Node::Kind::And ? Instr::Op::JumpIfFalse : Instr::Op::JumpIfTrue;
      std::vector<std::size_t> to_patch;
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        emit(node.children[i]);
        if (i + 1 < node.children.size()) {
          to_patch.push_back(code_.size());
          code_.push_back({jump, 0});
        }
      }
      for (std::size_t at : to_patch) code_[at].arg = static_cast<std::uint32_t>(code_.size());
      return;
    }
  }
}

bool Program::matches(const FieldContext& ctx) const {
  // The commonest shapes, `ip.dst == X` and `ip.dst == X and udp.port == Y`, without a loop.
  switch (flat_.size()) {
    case 1: return flat_[0]->evaluate(ctx);
    case 2: return flat_[0]->evaluate(ctx) == flat_decides_on_ ? flat_decides_on_ : flat_[1]->evaluate(ctx);
    default: return matches_several(ctx);
  }
}

bool Program::matches_several(const FieldContext& ctx) const {
  if (!flat_.empty()) {
    // and: the first false test decides; or: the first true one.
    for (const Test* t : flat_)
      if (t->evaluate(ctx) == flat_decides_on_) return flat_decides_on_;
    return !flat_decides_on_;
  }
  bool acc = true;  // the empty program matches everything
  const std::size_t n = code_.size();
  for (std::size_t pc = 0; pc < n; ++pc) {
    const Instr& in = code_[pc];
    switch (in.op) {
      case Instr::Op::Test: acc = tests_[in.arg].evaluate(ctx); break;
      case Instr::Op::Not: acc = !acc; break;
      case Instr::Op::JumpIfFalse:
        if (!acc) pc = in.arg - 1;
        break;
      case Instr::Op::JumpIfTrue:
        if (acc) pc = in.arg - 1;
        break;
    }
  }
  return acc;
}

}  // namespace wirelab::decode::filter
