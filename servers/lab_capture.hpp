// Live capture on several lab interfaces at once, merged into one time-ordered stream.
//
// Each interface lives in its host's namespace, so its libpcap handle is opened (pcap_activate
// makes the packet socket) from a thread inside that namespace; the handle then keeps capturing
// there while the LiveCapture thread reads it. Every frame is tagged with the index of its
// interface (CapturedFrame::interface_id), which is also its pcapng interface id when the run
// is written with -w (one Interface Description Block per lab interface).
//
// Stamps of all interfaces come from the one kernel clock (CLOCK_REALTIME), so merging by time
// puts a frame routed from segment 1 to segment 2 after its copy on segment 1.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "capture/captured_frame.hpp"
#include "capture/live_capture.hpp"
#include "decode/result.hpp"

namespace wirelab::servers {

class LabCapture {
  struct Key {  // only start() makes captures
    explicit Key() = default;
  };

 public:
  explicit LabCapture(Key) {}
  // Opens and starts one capture per lab interface (names from lab_topology(), e.g. "wl-a-eth0"),
  // all with the same BPF filter. Capturing when this returns.
  static Result<std::unique_ptr<LabCapture>> start(const std::vector<std::string>& interfaces, const std::string& bpf);
  ~LabCapture() = default;
  LabCapture(const LabCapture&) = delete;
  LabCapture& operator=(const LabCapture&) = delete;

  // Stops every capture after reading what libpcap still holds.
  void stop();
  // Every frame taken so far from every interface, merged in time order (a stable merge: equal
  // stamps keep interface order).
  std::vector<capture::CapturedFrame> take_merged();
  const std::vector<std::string>& interfaces() const { return interfaces_; }
  decode::LinkType link_type() const { return decode::LinkType::Ethernet; }
  // Summed over the interfaces.
  capture::CaptureStats stats() const;
  // The first capture thread error ("" if none).
  std::string thread_error() const;

 private:
  std::vector<std::string> interfaces_;
  std::vector<std::unique_ptr<capture::LiveCapture>> captures_;
};

}  // namespace wirelab::servers
