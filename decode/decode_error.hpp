// One error type for every decoder: which layer, what kind, which field, where, and how much
// was needed versus how much there was.
#pragma once
#include <cstdint>
#include <string>

#include "decode/proto.hpp"

namespace wirelab::decode {

enum class ErrorKind : std::uint8_t {
  Truncated,       // the capture ended before the header did (snaplen or a cut frame)
  LengthMismatch,  // a length field claims more than its container holds
  Invalid,         // a field has a value the protocol forbids
};

struct DecodeError {
  Proto layer = Proto::Frame;
  ErrorKind kind = ErrorKind::Truncated;
  const char* field = "";       // Wireshark-style name of the field at fault, e.g. "ip.hdr_len"
  std::uint32_t offset = 0;     // offset in the frame (or reassembled buffer) where it happened
  std::uint32_t required = 0;   // bytes (or value) needed
  std::uint32_t available = 0;  // bytes (or value) present
  const char* len_source = "";  // where the required length came from, e.g. "ip.len"

  std::string message() const;
};

std::string_view to_string(ErrorKind k);

}  // namespace wirelab::decode
