#include "decode/filter/parser.hpp"

#include <utility>

namespace wirelab::decode::filter {
namespace {

// Deeper nesting than this is refused, so no input can exhaust the stack.
constexpr int kMaxDepth = 200;

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens) : text_(text), t_(std::move(tokens)) {}

  Result<std::unique_ptr<Expr>, FilterError> run() {
    auto e = expression();
    if (error_) return std::move(*error_);
    if (peek().kind != TokenKind::End) return unexpected(peek());
    return e;
  }

 private:
  const Token& peek() const { return t_[i_]; }
  const Token& take() { return t_[i_ < t_.size() - 1 ? i_++ : i_]; }

  FilterError unexpected(const Token& tok) {
    if (tok.kind == TokenKind::End)
      return {.message = "Unexpected end of filter expression: an operand is missing here.", .position = tok.pos,
              .length = 1};
    return {.message = "\"" + std::string(text_.substr(tok.pos, tok.len)) + "\" was unexpected in this context.",
            .position = tok.pos, .length = tok.len};
  }

  // At the end of the text while a bracket is still open: point at the bracket.
  FilterError unclosed_or_unexpected(std::size_t open_pos, const Token& tok) {
    if (tok.kind != TokenKind::End) return unexpected(tok);
    return {.message = "Unexpected end of filter expression: the \"" + std::string(text_.substr(open_pos, 1)) +
                       "\" here is never closed.",
            .position = open_pos, .length = 1};
  }

  std::unique_ptr<Expr> fail(FilterError e) {
    if (!error_) error_ = std::move(e);
    return nullptr;
  }

  // or-list of and-lists; n-ary nodes keep the tree shallow however long the chain.
  std::unique_ptr<Expr> expression() { return chain(TokenKind::Or); }

  std::unique_ptr<Expr> chain(TokenKind joiner) {
    auto first = joiner == TokenKind::Or ? chain(TokenKind::And) : unary();
    if (!first || peek().kind != joiner) return first;
    auto node = std::make_unique<Expr>();
    node->kind = joiner == TokenKind::Or ? Expr::Kind::Or : Expr::Kind::And;
    node->children.push_back(std::move(first));
    while (peek().kind == joiner) {
      take();
      auto next = joiner == TokenKind::Or ? chain(TokenKind::And) : unary();
      if (!next) return nullptr;
      node->children.push_back(std::move(next));
    }
    return node;
  }

  std::unique_ptr<Expr> unary() {
    if (++depth_ > kMaxDepth) {
      return fail({.message = "The filter is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels).",
                   .position = peek().pos, .length = std::max<std::size_t>(peek().len, 1)});
    }
    auto e = unary_inner();
    --depth_;
    return e;
  }

  std::unique_ptr<Expr> unary_inner() {
    const Token& tok = peek();
    if (tok.kind == TokenKind::Not) {
      take();
      auto inner = unary();
      if (!inner) return nullptr;
      auto node = std::make_unique<Expr>();
      node->kind = Expr::Kind::Not;
      node->children.push_back(std::move(inner));
      return node;
    }
    if (tok.kind == TokenKind::LParen) {
      const std::size_t open_pos = tok.pos;
      take();
      auto inner = expression();
      if (!inner) return nullptr;
      if (peek().kind != TokenKind::RParen) return fail(unclosed_or_unexpected(open_pos, peek()));
      take();
      return inner;
    }
    return relation();
  }

  bool operand(Operand& out) {
    const Token& tok = peek();
    if (tok.kind != TokenKind::Word && tok.kind != TokenKind::String && tok.kind != TokenKind::CharConst) {
      fail(unexpected(tok));
      return false;
    }
    out.kind = tok.kind;
    out.text = tok.text;
    out.pos = tok.pos;
    out.len = tok.len;
    take();
    if (out.kind == TokenKind::Word && peek().kind == TokenKind::Slice) out.slice = take();
    return true;
  }

  std::unique_ptr<Expr> relation() {
    auto node = std::make_unique<Expr>();
    if (!operand(node->lhs)) return nullptr;
    const Token& op = peek();
    if (is_relation(op.kind)) {
      node->kind = Expr::Kind::Relation;
      node->op = op.kind;
      node->op_token = take();
      if (!operand(node->rhs)) return nullptr;
      return node;
    }
    if (op.kind == TokenKind::In || (op.kind == TokenKind::Not && t_[i_ + 1].kind == TokenKind::In)) {
      node->kind = Expr::Kind::In;
      node->negated_in = op.kind == TokenKind::Not;
      if (node->negated_in) take();
      node->op_token = take();
      return set(std::move(node));
    }
    node->kind = Expr::Kind::Exists;
    return node;
  }

  std::unique_ptr<Expr> set(std::unique_ptr<Expr> node) {
    if (peek().kind != TokenKind::LBrace) return fail(unexpected(peek()));
    const std::size_t open_pos = take().pos;
    while (true) {
      SetElement el;
      if (!operand(el.low)) return nullptr;
      if (peek().kind == TokenKind::DotDot) {
        take();
        if (!operand(el.high.emplace())) return nullptr;
      }
      node->set.push_back(std::move(el));
      if (peek().kind == TokenKind::Comma) {
        take();
        continue;
      }
      if (peek().kind == TokenKind::RBrace) break;
      return fail(unclosed_or_unexpected(open_pos, peek()));
    }
    take();
    return node;
  }

  std::string_view text_;
  std::vector<Token> t_;
  std::size_t i_ = 0;
  int depth_ = 0;
  std::optional<FilterError> error_;
};

}  // namespace

Result<std::unique_ptr<Expr>, FilterError> parse(std::string_view text) {
  auto tokens = tokenize(text);
  if (!tokens) return tokens.error();
  return Parser(text, std::move(tokens.value())).run();
}

}  // namespace wirelab::decode::filter
