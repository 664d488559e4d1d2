// TFTP (RFC 1350), option extension (RFC 2347), blksize (RFC 2348), timeout/tsize
// (RFC 2349), windowsize (RFC 7440).
//
//   RRQ/WRQ  | 01/02 | filename | 0 | mode | 0 | opt1 | 0 | value1 | 0 | ...
//   DATA     | 03    | block #  | data (0..blksize bytes)
//   ACK      | 04    | block #  |
//   ERROR    | 05    | code     | message | 0 |
//   OACK     | 06    | opt1 | 0 | value1 | 0 | ...
//   (every number is 2 bytes, big-endian)
#pragma once
#include <string_view>

#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

enum class TftpOpcode : std::uint16_t { Rrq = 1, Wrq = 2, Data = 3, Ack = 4, Error = 5, Oack = 6 };
// "Read Request", "Data Packet", ... as tshark names them; "" when unknown.
std::string_view to_string(TftpOpcode op);
// RFC 1350 / 2347 error code texts ("File not found", ...); "" when unknown.
std::string_view tftp_error_name(std::uint16_t code);

inline constexpr std::uint16_t kTftpPort = 69;
inline constexpr std::uint32_t kTftpDefaultBlockSize = 512;

// NUL-terminated strings one after another; the last may lack its NUL (then it runs to the
// end of the packet, and `terminated` is false).
class TftpStringReader {
 public:
  TftpStringReader(Bytes area, std::uint32_t area_offset) : area_(area), base_(area_offset) {}
  // `offset` is relative to the TFTP header; `length` includes the NUL when present.
  bool next(std::string_view& text, std::uint32_t& offset, std::uint32_t& length);
  bool terminated() const { return terminated_; }

 private:
  Bytes area_;
  std::uint32_t base_;
  std::size_t pos_ = 0;
  bool terminated_ = true;
};

struct TftpView {
  static constexpr std::uint32_t kOpcodeLen = 2;
  Bytes bytes;  // the whole TFTP message

  std::uint16_t opcode() const { return load_be16(bytes, 0); }
  TftpOpcode op() const { return static_cast<TftpOpcode>(opcode()); }
  bool has_block() const { return op() == TftpOpcode::Data || op() == TftpOpcode::Ack; }
  std::uint16_t block() const { return load_be16(bytes, 2); }         // DATA, ACK
  std::uint16_t error_code() const { return load_be16(bytes, 2); }    // ERROR
  // The header as wirelab counts it: DATA's payload is not part of it.
  std::uint32_t header_len() const {
    return op() == TftpOpcode::Data ? 4u : static_cast<std::uint32_t>(bytes.size());
  }
  // The strings after the fixed part (RRQ/WRQ: file, mode, options; OACK: options;
  // ERROR: message). Offsets are relative to the TFTP header.
  TftpStringReader strings() const {
    const std::uint32_t start = op() == TftpOpcode::Error ? 4u : 2u;
    return TftpStringReader(bytes.subspan(start), start);
  }
};

// Validates the opcode (2 bytes) and, for DATA/ACK/ERROR, the 2-byte number after it.
// An unknown opcode is Invalid: the caller shows the payload as data.
Result<TftpView, DecodeError> tftp(Bytes b, std::uint32_t frame_offset);

}  // namespace wirelab::decode
