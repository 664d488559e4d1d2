// The mailbox between a scenario run and the loader that shows it live: the runner's sink
// (servers::RunSink) drops each captured batch and each socket event here from whatever thread
// produced it; the loader's thread takes everything new in one go, a batch at a time.
#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "capture/captured_frame.hpp"
#include "decode/socket_event.hpp"
#include "servers/scenario_runner.hpp"

namespace wirelab::gui {

class RunFeed {
 public:
  using Frames = std::vector<capture::CapturedFrame>;
  struct Arrivals {
    std::shared_ptr<Frames> frames;            // in capture order; never null, may be empty
    std::vector<decode::SocketEvent> events;   // in journal order
    bool closed = false;                       // the run has returned: nothing more will come
  };

  // Callbacks that fill this feed; it must outlive the run they are given to.
  servers::RunSink sink();
  // Waits up to `timeout` for anything new (or close()), then takes all of it.
  Arrivals wait_take(std::chrono::milliseconds timeout);
  void close();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<Frames> frames_ = std::make_shared<Frames>();
  std::vector<decode::SocketEvent> events_;
  bool closed_ = false;
};

}  // namespace wirelab::gui
