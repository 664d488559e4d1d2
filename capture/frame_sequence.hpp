// Frames arriving one by one (live capture, a scenario run) turned into decoded, tracked
// packets: the dissector -> trackers step PacketStream does for files, for frames that
// come from elsewhere. Numbers packets from 1 and keeps the first/previous stamps for
// frame.time_relative and frame.time_delta.
#pragma once
#include <cstdint>

#include "decode/dissector.hpp"
#include "decode/fields.hpp"
#include "decode/trackers.hpp"

namespace wirelab::capture {

class FrameSequence {
 public:
  // Decodes and tracks the next frame; the returned packet is valid until the next call.
  const decode::Packet& feed(const decode::RawFrame& frame) {
    ++number_;
    dissector_.dissect(frame, number_, packet_);
    trackers_.feed(packet_, notes_);
    if (number_ == 1) first_ts_ = this_ts_ = packet_.ts_ns;
    prev_ts_ = this_ts_;
    this_ts_ = packet_.ts_ns;
    return packet_;
  }
  decode::FieldContext context() const {
    return {.packet = packet_, .annotations = &notes_, .first_ts_ns = first_ts_, .prev_ts_ns = prev_ts_};
  }
  std::uint64_t count() const { return number_; }
  std::int64_t first_ts_ns() const { return first_ts_; }
  decode::Trackers& trackers() { return trackers_; }

 private:
  decode::Dissector dissector_;
  decode::Trackers trackers_;
  decode::Packet packet_;
  decode::PacketAnnotations notes_;
  std::uint64_t number_ = 0;
  std::int64_t first_ts_ = 0;
  std::int64_t prev_ts_ = 0;
  std::int64_t this_ts_ = 0;
};

}  // namespace wirelab::capture
