// Live capture loss at a given packet rate. The sender (this thread) puts small UDP datagrams
// on lo with sendmmsg() batches, paced to `pps`, bounded by count (pps x seconds) and by time;
// they go to a bound sink socket on 127.0.0.1 that nobody reads (its queue overflows, which
// happens after the capture tap and costs less than reading). LiveCapture (the class
// `wirelab-cli -i` and `run` use) captures them with a BPF filter on the port while a consumer
// thread drains its queue (and, if asked, decodes every frame). Loss is counted by the kernel (ring full: pcap_stats ps_drop) and by
// wirelab (queue full), and checked against what was sent.
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
  // CPU seconds over the run: the sender thread (which also runs lo's receive path and the
  // capture tap, in softirq on its own stack), the consumer, and the rest of the process
  // (the capture thread).
  double sender_cpu = 0, consumer_cpu = 0, capture_cpu = 0;
  std::string error;
};

// batch_timeout_ms: LiveCaptureOptions::batch_timeout_ms (0 = immediate mode). decode: the
// consumer also dissects and tracks every frame (capture::FrameSequence, as `wirelab-cli -i`
// does) instead of only counting it.
CaptureRateResult measure_capture_rate(std::uint64_t pps, double seconds, int batch_timeout_ms, bool decode);

}  // namespace wirelab::bench
