#include "capture/live_capture.hpp"

#include <linux/if_packet.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wirelab::capture {
namespace {

std::string pcap_message(pcap_t* h, int status) {
  std::string msg = pcap_statustostr(status);
  const char* detail = pcap_geterr(h);
  if (detail && *detail) msg += ": " + std::string(detail);
  return msg;
}

}  // namespace

std::string capture_permission_hint() {
  return "live capture needs the CAP_NET_RAW capability: run as root, or grant it once with\n"
         "  sudo setcap cap_net_raw,cap_net_admin+eip $(command -v wirelab-cli)";
}

std::string CaptureStats::describe() const {
  std::string s = std::to_string(delivered) + " frames captured, " + std::to_string(queue_dropped) +
                  " dropped by wirelab (queue full)";
  if (kernel_stats_valid)
    s += ", " + std::to_string(kernel_dropped) + " dropped by the kernel (buffer full), " +
         std::to_string(iface_dropped) + " by the interface";
  else
    s += ", kernel drop counters unavailable";
  return s;
}

Result<std::unique_ptr<LiveCapture>> LiveCapture::open(const LiveCaptureOptions& options) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  std::unique_ptr<LiveCapture> cap(new LiveCapture(options));
  const std::string& ifname = options.interface;
  cap->handle_ = pcap_create(ifname.c_str(), errbuf);
  if (!cap->handle_) return Error{"cannot capture on \"" + ifname + "\": " + errbuf};
  pcap_t* h = cap->handle_;
  pcap_set_snaplen(h, options.snaplen);
  pcap_set_promisc(h, 0);
  if (options.batch_timeout_ms > 0) {
    pcap_set_immediate_mode(h, 0);
    pcap_set_timeout(h, options.batch_timeout_ms);  // a block is handed over when full or this old
  } else {
    pcap_set_immediate_mode(h, 1);  // deliver each packet now (one ring slot per packet)
  }
  pcap_set_buffer_size(h, options.kernel_buffer_bytes);
  const bool nano_ok = pcap_set_tstamp_precision(h, PCAP_TSTAMP_PRECISION_NANO) == 0;
  const int status = pcap_activate(h);
  if (status < 0) {
    std::string why = pcap_message(h, status);
    if (status == PCAP_ERROR_PERM_DENIED || (status == PCAP_ERROR && std::strstr(pcap_geterr(h), "ermission")))
      return Error{"cannot capture on \"" + ifname + "\": permission denied.\n" + capture_permission_hint()};
    if (status == PCAP_ERROR_NO_SUCH_DEVICE)
      return Error{"cannot capture on \"" + ifname + "\": no such interface (list them with `ip link`)"};
    return Error{"cannot capture on \"" + ifname + "\": " + why};
  }
  if (!nano_ok || pcap_get_tstamp_precision(h) != PCAP_TSTAMP_PRECISION_NANO)
    return Error{"capture on \"" + ifname + "\": libpcap cannot give nanosecond timestamps here"};
  // On lo every packet passes the tap twice (outgoing, then incoming); libpcap delivers only the
  // incoming copy. Capturing only inbound packets lets the kernel skip the outgoing copies
  // (PACKET_IGNORE_OUTGOING) instead of filling the ring with them: same frames, half the work.
  // (An "inbound" BPF prefix would do the same in theory, but libpcap 1.10.3 loses packets on
  // lo with it.)
  if (ifname == "lo") {
    pcap_setdirection(h, PCAP_D_IN);
    const int one = 1;  // libpcap 1.10 filters direction in user space: ask the kernel directly
    ::setsockopt(pcap_fileno(h), SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
  }
  if (!options.filter.empty()) {
    bpf_program prog{};
    if (pcap_compile(h, &prog, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
      return Error{"capture filter \"" + options.filter + "\": " + pcap_geterr(h)};
    const int set = pcap_setfilter(h, &prog);
    pcap_freecode(&prog);
    if (set != 0) return Error{"cannot install capture filter \"" + options.filter + "\": " + pcap_geterr(h)};
  }
  cap->link_type_ = static_cast<decode::LinkType>(pcap_datalink(h));
  if (pcap_setnonblock(h, 1, errbuf) != 0) return Error{"capture on \"" + ifname + "\": " + errbuf};
  if (pcap_get_selectable_fd(h) < 0) return Error{"capture on \"" + ifname + "\": no selectable fd"};
  cap->wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (cap->wake_fd_ < 0) return Error{std::string("eventfd for the capture thread: ") + std::strerror(errno)};
  return cap;
}

LiveCapture::~LiveCapture() {
  stop();
  if (handle_) pcap_close(handle_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

void LiveCapture::start() {
  if (running_.exchange(true)) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void LiveCapture::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  read_kernel_stats();
  running_ = false;
  cv_.notify_all();
}

void LiveCapture::pcap_callback(unsigned char* user, const pcap_pkthdr* h, const unsigned char* bytes) {
  reinterpret_cast<LiveCapture*>(user)->on_frame(h, bytes);
}

void LiveCapture::on_frame(const pcap_pkthdr* h, const unsigned char* bytes) {
  CapturedFrame f;
  // With PCAP_TSTAMP_PRECISION_NANO libpcap puts nanoseconds in tv_usec.
  f.ts_ns = static_cast<std::int64_t>(h->ts.tv_sec) * 1000000000LL + static_cast<std::int64_t>(h->ts.tv_usec);
  f.link_type = link_type_;
  f.wire_len = h->len;
  const auto* b = reinterpret_cast<const std::byte*>(bytes);
  f.bytes.assign(b, b + h->caplen);
  batch_.push_back(std::move(f));  // capture thread only: no lock per frame
}

void LiveCapture::publish_batch() {
  if (batch_.empty()) return;
  {
    std::lock_guard lock(mu_);
    for (CapturedFrame& f : batch_) {
      if (queued_bytes_ + f.bytes.size() > options_.queue_max_bytes) {
        ++stats_.queue_dropped;
        continue;
      }
      queued_bytes_ += f.bytes.size();
      queue_.push_back(std::move(f));
      ++stats_.delivered;
    }
  }
  batch_.clear();
  cv_.notify_one();  // once per batch: waking the consumer per frame costs more than the frame
}

void LiveCapture::loop() {
  const int pcap_fd = pcap_get_selectable_fd(handle_);
  pollfd fds[2] = {{pcap_fd, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  auto dispatch_all = [this]() -> bool {
    for (;;) {
      const int n = pcap_dispatch(handle_, -1, &LiveCapture::pcap_callback, reinterpret_cast<unsigned char*>(this));
      publish_batch();
      if (n == 0) return true;
      if (n < 0) {
        std::lock_guard lock(mu_);
        thread_error_ = "capture on \"" + options_.interface + "\" stopped: " + pcap_geterr(handle_);
        return false;
      }
    }
  };
  bool ok = true;
  while (!stopping_ && ok) {
    const int r = ::poll(fds, 2, 200);
    if (r < 0 && errno != EINTR) break;
    ok = dispatch_all();
  }
  // What the kernel still holds when stop() was called. With batching, the last packets may
  // sit in a block the kernel hands over only when its timeout expires: wait for that (bounded).
  if (ok && options_.batch_timeout_ms > 0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(2 * options_.batch_timeout_ms + 10);
    while (ok) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      ::poll(fds, 1, static_cast<int>(left.count()));
      ok = dispatch_all();
    }
  } else if (ok) {
    dispatch_all();
  }
  cv_.notify_all();
}

void LiveCapture::read_kernel_stats() {
  pcap_stat ps{};
  std::lock_guard lock(mu_);
  if (pcap_stats(handle_, &ps) == 0) {
    stats_.kernel_stats_valid = true;
    stats_.kernel_received = ps.ps_recv;
    stats_.kernel_dropped = ps.ps_drop;
    stats_.iface_dropped = ps.ps_ifdrop;
  }
}

std::size_t LiveCapture::take(std::vector<CapturedFrame>& out) {
  std::lock_guard lock(mu_);
  const std::size_t n = queue_.size();
  for (auto& f : queue_) out.push_back(std::move(f));
  queue_.clear();
  queued_bytes_ = 0;
  return n;
}

std::size_t LiveCapture::wait_take(std::vector<CapturedFrame>& out, std::chrono::milliseconds timeout) {
  {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, timeout, [this] { return !queue_.empty() || !running_.load() || stopping_.load(); });
  }
  return take(out);
}

std::string LiveCapture::thread_error() const {
  std::lock_guard lock(mu_);
  return thread_error_;
}

CaptureStats LiveCapture::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace wirelab::capture
