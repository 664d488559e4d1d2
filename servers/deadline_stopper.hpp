// Fires a StopSignal at a deadline, so every wait that polls the signal ends by then. Used by
// scenarios to honour their time limit; a stop request on `stop` (the GUI's Stop button,
// through ScenarioContext::stop_token) fires it at once. The destructor cancels and joins the
// timer thread.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include "servers/stop_signal.hpp"

namespace wirelab::servers {

class DeadlineStopper {
 public:
  DeadlineStopper(StopSignal& signal, std::chrono::steady_clock::time_point deadline, std::stop_token stop = {});
  ~DeadlineStopper();
  DeadlineStopper(const DeadlineStopper&) = delete;
  DeadlineStopper& operator=(const DeadlineStopper&) = delete;
  bool fired() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable_any cv_;
  bool cancelled_ = false;
  bool fired_ = false;
  std::thread thread_;
};

}  // namespace wirelab::servers
