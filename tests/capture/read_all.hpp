// Reads every record of a capture held in memory, as the CLI would: what was delivered, and
// the error that stopped reading, if any.
#pragma once
#include <optional>
#include <vector>

#include "capture/capture_reader.hpp"

namespace wirelab::test {

struct ReadOutcome {
  std::vector<capture::Record> records;
  std::optional<capture::ReadError> error;  // set when the file is damaged
  std::vector<capture::Interface> interfaces;

  std::size_t packets() const {
    std::size_t n = 0;
    for (const auto& r : records) n += r.kind == capture::Record::Kind::Packet;
    return n;
  }
};

// The records point into `file`: it must outlive the outcome, so temporaries are refused.
ReadOutcome read_all(std::vector<std::byte>&& file) = delete;
inline ReadOutcome read_all(std::span<const std::byte> file) {
  ReadOutcome o;
  auto reader = capture::CaptureReader::open(file);
  if (!reader) {
    o.error = reader.error();
    return o;
  }
  capture::Record rec;
  for (;;) {
    const auto st = reader->next(rec);
    if (st == capture::ReadStatus::End) break;
    if (st == capture::ReadStatus::Error) {
      o.error = reader->error();
      break;
    }
    o.records.push_back(rec);
  }
  o.interfaces = reader->interfaces();
  return o;
}

}  // namespace wirelab::test
