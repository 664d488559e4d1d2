#include "decode/decode_error.hpp"

namespace wirelab::decode {

std::string_view to_string(ErrorKind k) {
  switch (k) {
    case ErrorKind::Truncated: return "truncated";
    case ErrorKind::LengthMismatch: return "length mismatch";
    case ErrorKind::Invalid: return "invalid";
  }
  return "unknown";
}

std::string DecodeError::message() const {
  std::string m(proto_display_name(layer));
  m += ' ';
  m += to_string(kind);
  m += " at offset ";
  m += std::to_string(offset);
  if (field && *field) {
    m += " (";
    m += field;
    m += ')';
  }
  switch (kind) {
    case ErrorKind::Truncated:
    case ErrorKind::LengthMismatch:
      m += ": needs " + std::to_string(required) + " bytes, " + std::to_string(available) + " present";
      break;
    case ErrorKind::Invalid:
      m += ": value " + std::to_string(available);
      if (required) m += ", expected " + std::to_string(required);
      break;
  }
  if (len_source && *len_source) {
    m += " (length from ";
    m += len_source;
    m += ')';
  }
  return m;
}

}  // namespace wirelab::decode
