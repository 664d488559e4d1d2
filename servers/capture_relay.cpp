#include "servers/capture_relay.hpp"

#include <chrono>
#include <iterator>

namespace wirelab::servers {

CaptureRelay::CaptureRelay(capture::LiveCapture& capture, Callback callback)
    : capture_(capture), callback_(std::move(callback)), thread_([this] { loop(); }) {}

CaptureRelay::~CaptureRelay() {
  if (thread_.joinable()) finish();
}

void CaptureRelay::loop() {
  std::vector<capture::CapturedFrame> batch;
  for (;;) {
    // Read the flag before taking: once the capture has stopped, this take gets the rest.
    const bool last = capture_stopped_.load();
    capture_.wait_take(batch, std::chrono::milliseconds(50));  // wakes as soon as a batch is queued
    if (!batch.empty()) {
      callback_(batch);
      frames_.insert(frames_.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
      batch.clear();
    }
    if (last) return;
  }
}

std::vector<capture::CapturedFrame> CaptureRelay::finish() {
  capture_.stop();
  capture_stopped_ = true;
  thread_.join();
  return std::move(frames_);
}

}  // namespace wirelab::servers
