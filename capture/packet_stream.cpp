#include "capture/packet_stream.hpp"

namespace wirelab::capture {

Result<PacketStream, ReadError> PacketStream::open(const std::string& path) {
  auto f = open_capture_file(path);
  if (!f) return f.error();
  return PacketStream(std::move(*f));
}

bool PacketStream::next() {
  for (;;) {
    switch (file_->reader().next(record_)) {
      case ReadStatus::End: return false;
      case ReadStatus::Error: error_ = file_->reader().error(); return false;
      case ReadStatus::Ok: break;
    }
    if (record_.kind == Record::Kind::Custom) {
      if (on_custom_) on_custom_(record_.custom);
      continue;
    }
    if (keep_ && !keep_(record_.frame)) continue;
    ++number_;
    dissector_.dissect(record_.frame, number_, packet_);
    trackers_.feed(packet_, notes_);
    if (number_ == 1) first_ts_ = this_ts_ = packet_.ts_ns;
    prev_ts_ = this_ts_;
    this_ts_ = packet_.ts_ns;
    return true;
  }
}

}  // namespace wirelab::capture
