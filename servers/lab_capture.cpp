#include "servers/lab_capture.hpp"

#include <algorithm>

#include "servers/lab_netns.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {

Result<std::unique_ptr<LabCapture>> LabCapture::start(const std::vector<std::string>& interfaces,
                                                      const std::string& bpf) {
  auto lab_capture = std::make_unique<LabCapture>(Key{});
  const LabTopology& lab = lab_topology();
  for (const std::string& name : interfaces) {
    const LabInterface* iface = lab.interface(name);
    if (iface == nullptr) return Error{"\"" + name + "\" is not a lab interface (`wirelab-cli lab status` lists them)"};
    capture::LiveCaptureOptions options;
    options.interface = name;
    options.filter = bpf;
    options.kernel_buffer_bytes = 2 * 1024 * 1024;  // several per run; scenario traffic is small
    std::optional<Error> open_error;
    auto opened = run_in_netns(lab.host(iface->host)->netns, [&]() -> std::unique_ptr<capture::LiveCapture> {
      auto live = capture::LiveCapture::open(options);
      if (live) return std::move(live.value());
      open_error = live.error();
      return nullptr;
    });
    if (!opened) return opened.error();
    if (open_error) return Error{"lab capture on " + name + ": " + open_error->message};
    lab_capture->captures_.push_back(std::move(*opened));
    lab_capture->interfaces_.push_back(name);
  }
  for (auto& c : lab_capture->captures_) c->start();
  return lab_capture;
}

void LabCapture::stop() {
  for (auto& c : captures_) c->stop();
}

std::vector<capture::CapturedFrame> LabCapture::take_merged() {
  std::vector<capture::CapturedFrame> merged;
  for (std::size_t id = 0; id < captures_.size(); ++id) {
    const std::size_t first = merged.size();
    captures_[id]->take(merged);
    for (std::size_t i = first; i < merged.size(); ++i) merged[i].interface_id = static_cast<std::uint32_t>(id);
  }
  std::stable_sort(merged.begin(), merged.end(), [](const auto& x, const auto& y) { return x.ts_ns < y.ts_ns; });
  return merged;
}

capture::CaptureStats LabCapture::stats() const {
  capture::CaptureStats sum;
  sum.kernel_stats_valid = !captures_.empty();
  for (const auto& c : captures_) {
    const capture::CaptureStats s = c->stats();
    sum.delivered += s.delivered;
    sum.queue_dropped += s.queue_dropped;
    sum.kernel_received += s.kernel_received;
    sum.kernel_dropped += s.kernel_dropped;
    sum.iface_dropped += s.iface_dropped;
    sum.kernel_stats_valid = sum.kernel_stats_valid && s.kernel_stats_valid;
  }
  return sum;
}

std::string LabCapture::thread_error() const {
  for (const auto& c : captures_)
    if (std::string e = c->thread_error(); !e.empty()) return e;
  return "";
}

}  // namespace wirelab::servers
