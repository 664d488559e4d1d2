// Reading pcap and pcapng files from memory, without copying packets.
//
// The readers take a byte span (a memory-mapped file, standard input, or a fuzzer's input), so
// every byte they hand out points into that span. Damage is reported with the byte offset and
// the number of packets read before it; everything before the damage is still delivered.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "decode/bytes.hpp"
#include "decode/packet.hpp"
#include "decode/result.hpp"

namespace wirelab::capture {

enum class FileFormat : std::uint8_t { Pcap, Pcapng };

struct ReadError {
  // Where reading stopped: opening the file (no byte position), its header, or its records.
  enum class Stage : std::uint8_t { Open, FileHeader, Records };
  std::string what;              // e.g. "truncated packet record: header claims 1514 bytes, 200 remain"
  std::uint64_t byte_offset = 0; // where in the file
  std::uint64_t packets_before = 0;
  Stage stage = Stage::FileHeader;
  // Open: "what"; FileHeader: "what at byte N"; Records: "what at byte N, after K packets".
  std::string message() const;
};

struct Interface {
  decode::LinkType link_type = decode::LinkType::Ethernet;
  std::uint32_t snaplen = 0;
  std::string name;
};

// A pcapng block wirelab does not turn into a packet but hands to its user: custom blocks
// (wirelab's socket-event journal rides in those).
struct CustomBlock {
  std::uint32_t pen = 0;         // private enterprise number
  Bytes data;                    // body after the PEN
  std::uint64_t file_offset = 0;
};

struct Record {
  enum class Kind : std::uint8_t { Packet, Custom } kind = Kind::Packet;
  decode::RawFrame frame;        // when Kind::Packet
  CustomBlock custom;            // when Kind::Custom
  std::uint64_t file_offset = 0; // where the record starts
};

enum class ReadStatus : std::uint8_t { Ok, End, Error };

// Largest captured length accepted for one record; larger claims are damage, not data.
inline constexpr std::uint32_t kMaxRecordLen = 16u * 1024u * 1024u;

class CaptureReader {
 public:
  // Recognises the format from the first bytes; fails with a message for anything else.
  static Result<CaptureReader, ReadError> open(Bytes file);

  CaptureReader(CaptureReader&&) noexcept;
  CaptureReader& operator=(CaptureReader&&) noexcept;
  ~CaptureReader();

  // Next packet (or custom block). After Error, error() says what; the reader then stays at End.
  ReadStatus next(Record& out);
  const ReadError& error() const { return error_; }

  FileFormat format() const { return format_; }
  // Interfaces seen so far (pcap: exactly one, from the file header).
  const std::vector<Interface>& interfaces() const { return interfaces_; }
  std::uint64_t packets_read() const { return packets_; }
  bool nanosecond_file() const { return nanos_; }

 private:
  CaptureReader() = default;
  ReadStatus next_pcap(Record& out);
  [[gnu::cold, gnu::noinline]] ReadStatus pcap_end_or_damage();
  void prefetch_ahead();
  ReadStatus next_pcapng(Record& out);
  ReadStatus fail(std::uint64_t offset, std::string what);
  // Reads the Section Header Block at `at`; on damage, `why` and `where` (its byte offset).
  bool read_shb(std::uint64_t at, std::string& why, std::uint64_t& where);

  Bytes file_;
  std::uint64_t pos_ = 0;
  std::uint64_t prefetched_ = 0;  // bytes below this were already asked for (prefetch_ahead)
  FileFormat format_ = FileFormat::Pcap;
  bool big_endian_ = false;  // byte order of the file (pcap) or current section (pcapng)
  bool nanos_ = false;
  std::int64_t frac_to_ns_ = 1000;
  decode::LinkType pcap_link_type_ = decode::LinkType::Ethernet;  // pcap: nanoseconds per unit of the record's fraction field
  bool done_ = false;
  std::uint64_t packets_ = 0;
  std::vector<Interface> interfaces_;
  struct IfaceClock {
    std::uint64_t units_per_sec = 1000000;
    std::int64_t offset_sec = 0;
  };
  std::vector<IfaceClock> clocks_;
  std::size_t section_first_iface_ = 0;
  ReadError error_;
};

// Opens a file by path: maps it, recognises it, and keeps the mapping alive with the reader.
class CaptureFile;
Result<std::unique_ptr<CaptureFile>, ReadError> open_capture_file(const std::string& path);

}  // namespace wirelab::capture
