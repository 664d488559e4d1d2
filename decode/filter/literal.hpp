// Literals of a display filter, read once at compile time for the type of the field they are
// compared with: integers in any base (0x1f, 017, 0b101, 'a'), IPv4/IPv6 with CIDR, MAC
// addresses, byte strings (00:11:22, 00-11-22, 0011.22, 001122), "strings", booleans, times.
#pragma once
#include <string>
#include <vector>

#include "decode/filter/filter_error.hpp"
#include "decode/filter/scalar.hpp"
#include "decode/filter/syntax_tree.hpp"
#include "decode/result.hpp"

namespace wirelab::decode::filter {

// How to read a literal: the field's type, or bytes when the field is sliced or searched.
enum class LiteralSyntax : std::uint8_t { Unsigned, Signed, Bool, Ipv4, Ipv6, Mac, ByteString, Text, Time, Double };

LiteralSyntax literal_syntax(FieldType t);

// A literal owns its bytes; scalar() is the view the evaluator compares with.
class Literal {
 public:
  Scalar scalar() const {
    Scalar s = base_;
    s.bytes = Bytes(storage_);
    return s;
  }
  Scalar& base() { return base_; }
  std::vector<std::byte>& storage() { return storage_; }

 private:
  Scalar base_;
  std::vector<std::byte> storage_;
};

// `field` names the field in messages ("tcp.flags.syn").
Result<Literal, FilterError> parse_literal(const Operand& op, LiteralSyntax syntax, const FieldDef& field);

// Reads "00:11:22", "00-11-22", "0011.2233", "001122" or a single "a"/"0a" into bytes.
bool parse_byte_string(std::string_view text, std::vector<std::byte>& out);

}  // namespace wirelab::decode::filter
