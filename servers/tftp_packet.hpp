// TFTP packets as the demo server and client build and read them (RFC 1350, options RFC 2347).
//
//   RRQ/WRQ  | 1/2 (2) | filename | 0 | mode | 0 | opt1 | 0 | value1 | 0 | ...
//   DATA     | 3 (2)   | block (2) | data (0..blksize)
//   ACK      | 4 (2)   | block (2)
//   ERROR    | 5 (2)   | code (2)  | message | 0
//   OACK     | 6 (2)   | opt1 | 0 | value1 | 0 | ...
//
// All integers big-endian. The parser never reads outside the datagram and says what is wrong.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "decode/bytes.hpp"
#include "decode/result.hpp"

namespace wirelab::servers {

enum class TftpOpcode : std::uint16_t { Rrq = 1, Wrq = 2, Data = 3, Ack = 4, Error = 5, Oack = 6 };

enum class TftpErrorCode : std::uint16_t {
  NotDefined = 0,
  FileNotFound = 1,
  AccessViolation = 2,
  DiskFull = 3,
  IllegalOperation = 4,
  UnknownTransferId = 5,
  FileExists = 6,
  NoSuchUser = 7,
  OptionRefused = 8,  // RFC 2347
};

std::string_view to_string(TftpOpcode op);         // "RRQ", ..., "unknown (N)" is not possible here
std::string to_string(TftpErrorCode code);          // "Access violation", "unknown (N)"

struct TftpOption {
  std::string name;   // as sent (case kept); compare case-insensitively
  std::string value;
};

// One parsed packet. Only the members of its opcode are meaningful.
struct TftpPacket {
  TftpOpcode opcode = TftpOpcode::Data;
  std::string filename;              // RRQ/WRQ
  std::string mode;                  // RRQ/WRQ, lower-cased
  std::vector<TftpOption> options;   // RRQ/WRQ/OACK
  std::uint16_t block = 0;           // DATA/ACK
  Bytes data;                        // DATA: view into the datagram given to parse_tftp()
  TftpErrorCode error = TftpErrorCode::NotDefined;  // ERROR
  std::string message;               // ERROR
};

Result<TftpPacket> parse_tftp(Bytes datagram);

std::vector<std::byte> tftp_request(TftpOpcode op, std::string_view filename, std::string_view mode,
                                    const std::vector<TftpOption>& options = {});
std::vector<std::byte> tftp_data(std::uint16_t block, Bytes data);
std::vector<std::byte> tftp_ack(std::uint16_t block);
std::vector<std::byte> tftp_error(TftpErrorCode code, std::string_view message);
std::vector<std::byte> tftp_oack(const std::vector<TftpOption>& options);

bool iequals(std::string_view a, std::string_view b);

}  // namespace wirelab::servers
