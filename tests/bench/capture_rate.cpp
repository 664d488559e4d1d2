#include "capture_rate.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>
#include <vector>

#include "capture/frame_sequence.hpp"
#include "capture/live_capture.hpp"

namespace wirelab::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kBatch = 64;  // datagrams per sendmmsg()

double thread_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double process_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Sends `total` datagrams on the connected socket tx at `pps`, in sendmmsg batches. Gives up
// at `deadline` (a machine too busy to keep the rate). Returns how many the kernel accepted.
std::uint64_t send_paced(int tx, std::uint64_t pps, std::uint64_t total, Clock::time_point deadline) {
  static const char payload[32] = "wirelab capture rate probe";
  std::array<iovec, kBatch> iov{};
  std::array<mmsghdr, kBatch> msgs{};
  for (std::size_t i = 0; i < kBatch; ++i) {
    iov[i] = {const_cast<char*>(payload), sizeof payload};
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }
  std::uint64_t sent = 0;
  const auto start = Clock::now();
  while (sent < total) {
    const auto now = Clock::now();
    if (now >= deadline) break;
    const auto due = std::min(
        total, static_cast<std::uint64_t>(std::chrono::duration<double>(now - start).count() * static_cast<double>(pps)));
    if (sent >= due) {
      // Ahead of schedule: sleep about one batch's worth of time (the rate is kept on average).
      std::this_thread::sleep_for(std::chrono::duration<double>(static_cast<double>(kBatch) / static_cast<double>(pps)));
      continue;
    }
    const auto n = static_cast<unsigned>(std::min<std::uint64_t>(due - sent, kBatch));
    const int r = ::sendmmsg(tx, msgs.data(), n, 0);
    if (r > 0) sent += static_cast<std::uint64_t>(r);
  }
  return sent;
}

}  // namespace

CaptureRateResult measure_capture_rate(std::uint64_t pps, double seconds, int batch_timeout_ms, bool decode) {
  CaptureRateResult r;
  const int rx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int tx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(rx, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(rx, reinterpret_cast<sockaddr*>(&a), &len);
  ::connect(tx, reinterpret_cast<sockaddr*>(&a), sizeof a);
  const int small = 4096;  // the sink is never read: keep its queue (and its memory) tiny
  ::setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  capture::LiveCaptureOptions o;
  o.filter = "udp dst port " + std::to_string(ntohs(a.sin_port));
  o.batch_timeout_ms = batch_timeout_ms;
  auto cap = capture::LiveCapture::open(o);
  if (!cap) {
    ::close(rx);
    ::close(tx);
    r.error = cap.error().message;
    return r;
  }
  const double process_cpu_start = process_cpu_seconds();
  (*cap)->start();
  std::atomic<bool> sending{true};
  std::thread consumer([&] {
    const double cpu0 = thread_cpu_seconds();
    std::vector<capture::CapturedFrame> batch;
    capture::FrameSequence seq;
    while (sending || (*cap)->running()) {
      batch.clear();
      r.captured += (*cap)->wait_take(batch, std::chrono::milliseconds(50));
      if (decode)
        for (const auto& f : batch) seq.feed(f.view());
      if (!sending && batch.empty()) break;
    }
    r.consumer_cpu = thread_cpu_seconds() - cpu0;
  });
  const auto total = static_cast<std::uint64_t>(static_cast<double>(pps) * seconds);
  const double sender_cpu0 = thread_cpu_seconds();
  const auto start = Clock::now();
  r.sent = send_paced(tx, pps, total, start + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(seconds * 1.5 + 1)));
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.sender_cpu = thread_cpu_seconds() - sender_cpu0;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the capture catch up
  (*cap)->stop();
  sending = false;
  consumer.join();
  std::vector<capture::CapturedFrame> rest;
  r.captured += (*cap)->take(rest);
  r.capture_cpu = process_cpu_seconds() - process_cpu_start - r.sender_cpu - r.consumer_cpu;
  const auto st = (*cap)->stats();
  r.kernel_dropped = st.kernel_dropped;
  r.queue_dropped = st.queue_dropped;
  ::close(rx);
  ::close(tx);
  return r;
}

}  // namespace wirelab::bench
