// IPv4 (RFC 791).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Version|  IHL  |Type of Service|          Total Length         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |         Identification        |Flags|      Fragment Offset    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Time to Live |    Protocol   |         Header Checksum       |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                       Source Address                          |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Destination Address                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Options                    |    Padding    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
#pragma once
#include <string_view>

#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/result.hpp"

namespace wirelab::decode {

struct Ipv4View {
  static constexpr std::uint32_t kMinHeaderLen = 20;
  Bytes bytes;  // header + payload, clamped to min(captured, total length)

  std::uint8_t version() const { return load_u8(bytes, 0) >> 4; }
  std::uint32_t header_len() const { return (load_u8(bytes, 0) & 0x0fu) * 4u; }
  std::uint8_t dsfield() const { return load_u8(bytes, 1); }
  std::uint16_t total_len() const { return load_be16(bytes, 2); }
  std::uint16_t id() const { return load_be16(bytes, 4); }
  std::uint8_t flags() const { return load_u8(bytes, 6) >> 5; }
  bool flag_rb() const { return (load_u8(bytes, 6) & 0x80) != 0; }
  bool flag_df() const { return (load_u8(bytes, 6) & 0x40) != 0; }
  bool flag_mf() const { return (load_u8(bytes, 6) & 0x20) != 0; }
  std::uint16_t frag_offset_units() const { return load_be16(bytes, 6) & 0x1fff; }
  std::uint32_t frag_offset_bytes() const { return frag_offset_units() * 8u; }
  std::uint8_t ttl() const { return load_u8(bytes, 8); }
  std::uint8_t protocol() const { return load_u8(bytes, 9); }
  std::uint16_t checksum() const { return load_be16(bytes, 10); }
  std::uint32_t src() const { return load_be32(bytes, 12); }
  std::uint32_t dst() const { return load_be32(bytes, 16); }
  Bytes options() const { return bytes.subspan(kMinHeaderLen, header_len() - kMinHeaderLen); }
  Bytes payload() const { return bytes.subspan(header_len()); }
  bool is_fragment() const { return flag_mf() || frag_offset_units() != 0; }
};

// One option of the IPv4 header (RFC 791 §3.1): EOL (0) and NOP (1) are single bytes, every
// other option is type, length, data. `length` 0 marks a malformed length (too small or past
// the header); iteration stops after it.
struct Ipv4Option {
  std::uint8_t type = 0;
  std::uint8_t length = 1;   // whole option incl. type and length bytes
  std::uint32_t offset = 0;  // from the start of the IPv4 header
  Bytes data;                // bytes after type and length
  bool malformed = false;
};

namespace ipv4_option {
inline constexpr std::uint8_t kEol = 0;
inline constexpr std::uint8_t kNop = 1;
inline constexpr std::uint8_t kRecordRoute = 7;
inline constexpr std::uint8_t kTimestamp = 68;
inline constexpr std::uint8_t kLooseRoute = 131;
inline constexpr std::uint8_t kStrictRoute = 137;
inline constexpr std::uint8_t kRouterAlert = 148;
}  // namespace ipv4_option

// Walks the options area of a validated header. Stops after EOL (the rest is padding) and
// after a malformed option.
class Ipv4OptionIterator {
 public:
  explicit Ipv4OptionIterator(Bytes options) : options_(options) {}
  bool next(Ipv4Option& out);
  // Bytes after an EOL: padding (ip.opt.padding).
  Bytes padding() const { return done_ ? options_.subspan(pos_) : Bytes{}; }

 private:
  Bytes options_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

// Name of an option type as tshark's tree shows it ("Record Route", "Time Stamp", ...);
// "Unknown" when wirelab has no name for it.
std::string_view ipv4_option_name(std::uint8_t type);

// Validates version, header length and total length; clamps the view to min(captured, total
// length). A total length of 0 (TSO / BIG TCP) means "as captured", as tshark assumes.
Result<Ipv4View, DecodeError> ipv4(Bytes b, std::uint32_t frame_offset);

// Internet checksum (RFC 1071) over b; returns the folded one's-complement sum.
std::uint16_t internet_checksum(Bytes b, std::uint32_t initial = 0);

}  // namespace wirelab::decode
