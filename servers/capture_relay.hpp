// Hands a live capture's frames to a watcher while the capture runs: a thread takes each
// batch the capture thread queues, passes it to the callback, and keeps every frame for the
// end. Only a run with a live sink has one; without it the runner takes the frames at the end.
#pragma once
#include <atomic>
#include <functional>
#include <span>
#include <thread>
#include <vector>

#include "capture/live_capture.hpp"

namespace wirelab::servers {

class CaptureRelay {
 public:
  using Callback = std::function<void(std::span<const capture::CapturedFrame>)>;
  // Starts relaying from `capture` (already started); `callback` runs on the relay's thread.
  CaptureRelay(capture::LiveCapture& capture, Callback callback);
  ~CaptureRelay();  // finish() if not done yet
  CaptureRelay(const CaptureRelay&) = delete;
  CaptureRelay& operator=(const CaptureRelay&) = delete;

  // Stops the capture, relays what it still held, joins the thread and returns every frame
  // relayed, in capture order.
  std::vector<capture::CapturedFrame> finish();

 private:
  void loop();

  capture::LiveCapture& capture_;
  Callback callback_;
  std::atomic<bool> capture_stopped_{false};
  std::vector<capture::CapturedFrame> frames_;  // the relay thread's until finish() joins it
  std::thread thread_;
};

}  // namespace wirelab::servers
