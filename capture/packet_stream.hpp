// A capture file read as a stream of decoded, tracked packets: reader -> dissector ->
// trackers. The CLI, the GUI's loader and the tests all read files through this one loop.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "capture/capture_file.hpp"
#include "decode/dissector.hpp"
#include "decode/fields.hpp"
#include "decode/trackers.hpp"

namespace wirelab::capture {

class PacketStream {
 public:
  static Result<PacketStream, ReadError> open(const std::string& path);

  // Advances to the next packet. False at the end of the file or at damage (see error()).
  bool next();

  const decode::Packet& packet() const { return packet_; }
  const decode::PacketAnnotations& annotations() const { return notes_; }
  decode::FieldContext context() const {
    return {.packet = packet_, .annotations = &notes_, .first_ts_ns = first_ts_, .prev_ts_ns = prev_ts_};
  }
  // Set once next() returned false because the file is damaged.
  const std::optional<ReadError>& error() const { return error_; }
  decode::Trackers& trackers() { return trackers_; }
  const decode::Trackers& trackers() const { return trackers_; }
  CaptureFile& file() { return *file_; }
  // Frames `keep` rejects are skipped before decoding, as if never captured (a capture filter
  // applied to a file): they get no frame number and the trackers never see them.
  void set_frame_filter(std::function<bool(const decode::RawFrame&)> keep) { keep_ = std::move(keep); }
  // Called for every pcapng custom block (wirelab's socket-event journal rides in them).
  void on_custom_block(std::function<void(const CustomBlock&)> fn) { on_custom_ = std::move(fn); }

 private:
  explicit PacketStream(std::unique_ptr<CaptureFile> f) : file_(std::move(f)) {}
  std::unique_ptr<CaptureFile> file_;
  decode::Dissector dissector_;
  decode::Trackers trackers_;
  decode::Packet packet_;
  decode::PacketAnnotations notes_;
  Record record_;
  std::uint64_t number_ = 0;
  std::int64_t first_ts_ = 0;
  std::int64_t prev_ts_ = 0;
  std::int64_t this_ts_ = 0;
  std::optional<ReadError> error_;
  std::function<void(const CustomBlock&)> on_custom_;
  std::function<bool(const decode::RawFrame&)> keep_;
};

}  // namespace wirelab::capture
