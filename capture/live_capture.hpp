// Live capture with libpcap: one interface (default "lo"), a BPF filter, nanosecond
// timestamps, packets handed over in blocks every few milliseconds (or in immediate mode). A capture thread copies every frame into a bounded queue that the
// user drains (take()/wait_take()); frames that do not fit are counted, never silently lost.
//
// Needs CAP_NET_RAW (and CAP_NET_ADMIN for some interfaces). Without it open() fails with a
// message naming the fix.
#pragma once
#include <pcap/pcap.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "capture/captured_frame.hpp"
#include "decode/result.hpp"

namespace wirelab::capture {

struct LiveCaptureOptions {
  std::string interface = "lo";
  std::string filter;                        // BPF, "" = everything
  int snaplen = 262144;
  int kernel_buffer_bytes = 32 * 1024 * 1024;  // pcap_set_buffer_size: room for bursts
  // 0: immediate mode (libpcap then uses TPACKET_V2: one fixed slot per packet, sized for lo's
  // 64 KiB MTU, so 32 MB hold only a few hundred packets and a burst overflows it).
  // > 0: the kernel packs packets into blocks (TPACKET_V3) and hands a block over when it is
  // full or this many milliseconds old: the same 32 MB then hold ~300,000 small packets, at
  // the price of up to this much delay before a packet is seen.
  int batch_timeout_ms = 5;
  std::size_t queue_max_bytes = 256u * 1024u * 1024u;  // our queue, between thread and user
};

// Loss accounting, reported at the end of every capture.
struct CaptureStats {
  std::uint64_t delivered = 0;       // frames handed to the user
  std::uint64_t queue_dropped = 0;   // frames we dropped because our queue was full
  std::uint64_t kernel_received = 0; // pcap_stats ps_recv: frames that passed the filter
  std::uint64_t kernel_dropped = 0;  // pcap_stats ps_drop: no room in the kernel buffer
  std::uint64_t iface_dropped = 0;   // pcap_stats ps_ifdrop: dropped by the interface/driver
  bool kernel_stats_valid = false;
  std::string describe() const;      // one line for stderr
};

// The fix to print when capture permission is missing.
std::string capture_permission_hint();

class LiveCapture {
 public:
  // Opens and activates the interface and installs the filter. When this returns, packets
  // on the interface are already being captured (buffered in the kernel until start()).
  static Result<std::unique_ptr<LiveCapture>> open(const LiveCaptureOptions& options);
  ~LiveCapture();  // stops the thread, closes the handle
  LiveCapture(const LiveCapture&) = delete;
  LiveCapture& operator=(const LiveCapture&) = delete;

  decode::LinkType link_type() const { return link_type_; }
  const LiveCaptureOptions& options() const { return options_; }

  void start();  // starts the capture thread
  // Stops the thread after reading what libpcap already holds; final stats are then fixed.
  void stop();

  // Moves every queued frame to `out` (appending). Returns how many.
  std::size_t take(std::vector<CapturedFrame>& out);
  // Like take(), but first waits up to `timeout` for at least one frame (or for stop).
  std::size_t wait_take(std::vector<CapturedFrame>& out, std::chrono::milliseconds timeout);
  bool running() const { return running_.load(); }
  // A libpcap error that ended the thread early ("" if none).
  std::string thread_error() const;

  CaptureStats stats() const;

 private:
  explicit LiveCapture(LiveCaptureOptions options) : options_(std::move(options)) {}
  void loop();
  void on_frame(const pcap_pkthdr* h, const unsigned char* bytes);
  static void pcap_callback(unsigned char* user, const pcap_pkthdr* h, const unsigned char* bytes);
  void read_kernel_stats();
  void publish_batch();  // moves batch_ into the queue under one lock

  LiveCaptureOptions options_;
  pcap_t* handle_ = nullptr;
  int wake_fd_ = -1;  // eventfd that wakes the thread's poll() for stop()
  decode::LinkType link_type_ = decode::LinkType::Ethernet;
  std::thread thread_;
  std::atomic<bool> running_{false};
  std::atomic<bool> stopping_{false};

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<CapturedFrame> queue_;
  std::vector<CapturedFrame> batch_;  // filled by one pcap_dispatch, touched by the capture thread only
  std::size_t queued_bytes_ = 0;
  CaptureStats stats_;
  std::string thread_error_;
};

}  // namespace wirelab::capture
