// Live capture on an interface with a BPF filter (capture::LiveCapture), decoded through the
// same dissector and trackers as a file; packets reach the list about ten times a second
// until stop(). The finished capture reports what the kernel and wirelab dropped.
#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "capture/captured_frame.hpp"
#include "capture/frame_sequence.hpp"
#include "gui/packet_source.hpp"

namespace wirelab::gui {

// The batching path of every source whose frames arrive while it runs (an interface capture, a
// scenario run): the frames that just arrived, decoded and tracked through `sequence` in
// arrival order, as one batch that owns them (its records point into their bytes).
PacketBatch batch_arrived_frames(capture::FrameSequence& sequence,
                                 std::shared_ptr<const std::vector<capture::CapturedFrame>> frames);

class LiveLoader : public PacketSource {
  Q_OBJECT
 public:
  explicit LiveLoader(QObject* parent = nullptr) : PacketSource(parent) {}

  // Opens the interface; false (and error() says why: permission, bad filter) if it can't.
  bool start(const std::string& interface, const std::string& filter);
  // Ends the capture after what libpcap already holds; finished() follows.
  void stop() { stop_requested_ = true; }
  const std::string& error() const { return error_; }

 private:
  std::atomic<bool> stop_requested_{false};
  std::string error_;
};

}  // namespace wirelab::gui
