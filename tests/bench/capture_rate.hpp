// Live capture loss at a given packet rate: a sender thread puts small UDP datagrams on lo at
// `pps` for `seconds`; LiveCapture (the same class `wirelab-cli -i` and `run` use) captures
// them with a BPF filter on the port while a consumer drains its queue. Loss is counted by
// libpcap/kernel (buffer full) and by wirelab (queue full), and checked against what was sent.
#pragma once
#include <cstdint>
#include <string>

namespace wirelab::bench {

struct CaptureRateResult {
  std::uint64_t sent = 0;
  std::uint64_t captured = 0;
  std::uint64_t kernel_dropped = 0;
  std::uint64_t queue_dropped = 0;
  double seconds = 0;
  std::string error;
};

CaptureRateResult measure_capture_rate(std::uint64_t pps, double seconds);

}  // namespace wirelab::bench
