#include "gui/live_loader.hpp"

#include <chrono>

#include "capture/frame_sequence.hpp"
#include "capture/live_capture.hpp"

namespace wirelab::gui {

PacketBatch batch_arrived_frames(capture::FrameSequence& sequence,
                                 std::shared_ptr<const std::vector<capture::CapturedFrame>> frames) {
  PacketBatchBuilder builder;
  for (const capture::CapturedFrame& f : *frames) {
    sequence.feed(f.view());
    builder.add(sequence.context().packet, *sequence.context().annotations);
  }
  PacketBatch batch = builder.take();
  batch.owner = std::move(frames);  // the records point into these frames' bytes
  return batch;
}

namespace {
// What a live capture keeps alive: libpcap's handle and the dissector/trackers. Each batch
// owns its own frames' bytes (see the batch owner below).
struct LiveRun {
  std::unique_ptr<capture::LiveCapture> capture;
  capture::FrameSequence sequence;
};
}  // namespace

bool LiveLoader::start(const std::string& interface, const std::string& filter) {
  cancel();
  error_.clear();
  capture::LiveCaptureOptions options;
  options.interface = interface;
  options.filter = filter;
  auto opened = capture::LiveCapture::open(options);
  if (!opened) {
    error_ = opened.error().message;
    return false;
  }
  auto run = std::make_shared<LiveRun>();
  run->capture = std::move(*opened);
  auto capture = std::make_shared<LoadedCapture>();
  capture->origin = LoadedCapture::Origin::Live;
  capture->title = "live: " + interface + (filter.empty() ? "" : " (" + filter + ")");
  capture->source = run;
  capture->trackers = &run->sequence.trackers();
  stop_requested_ = false;
  launch([this, run, capture](std::stop_token stop) {
    run->capture->start();
    std::uint64_t n = 0;
    bool last = false;
    while (!last && !stop.stop_requested()) {
      auto frames = std::make_shared<std::vector<capture::CapturedFrame>>();
      if (stop_requested_ || !run->capture->thread_error().empty()) {
        // Stop reads what libpcap still holds; take that too, then end.
        run->capture->stop();
        run->capture->take(*frames);
        last = true;
      } else {
        run->capture->wait_take(*frames, std::chrono::milliseconds(100));
      }
      if (frames->empty()) continue;
      n += frames->size();
      post(batch_arrived_frames(run->sequence, std::move(frames)), 0.0, n);
    }
    run->capture->stop();
    if (stop.stop_requested()) return;
    capture->packets = n;
    capture->note = run->capture->stats().describe();
    if (!run->capture->thread_error().empty()) capture->note = run->capture->thread_error() + " · " + capture->note;
    finish(capture);
  });
  return true;
}

}  // namespace wirelab::gui
