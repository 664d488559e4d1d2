#include "capture_rate.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "capture/live_capture.hpp"

namespace wirelab::bench {

CaptureRateResult measure_capture_rate(std::uint64_t pps, double seconds) {
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
  capture::LiveCaptureOptions o;
  o.filter = "udp dst port " + std::to_string(ntohs(a.sin_port));
  auto cap = capture::LiveCapture::open(o);
  if (!cap) {
    ::close(rx);
    ::close(tx);
    r.error = cap.error().message;
    return r;
  }
  (*cap)->start();
  std::atomic<bool> sending{true};
  std::thread consumer([&] {
    std::vector<capture::CapturedFrame> batch;
    while (sending || (*cap)->running()) {
      batch.clear();
      r.captured += (*cap)->wait_take(batch, std::chrono::milliseconds(50));
      if (!sending && batch.empty()) break;
    }
  });
  // The receiving socket is drained by nobody: its own buffer overflows, which does not
  // matter here (the tap on lo sees every datagram before the socket layer).
  const char payload[32] = "wirelab capture rate probe";
  const auto start = std::chrono::steady_clock::now();
  const auto total = static_cast<std::uint64_t>(static_cast<double>(pps) * seconds);
  while (r.sent < total) {
    const auto due = static_cast<std::uint64_t>(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * static_cast<double>(pps));
    if (r.sent >= due) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    for (std::uint64_t k = r.sent; k < std::min(due, total); ++k)
      if (::send(tx, payload, sizeof payload, 0) == static_cast<ssize_t>(sizeof payload)) ++r.sent;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the capture catch up
  (*cap)->stop();
  sending = false;
  consumer.join();
  std::vector<capture::CapturedFrame> rest;
  r.captured += (*cap)->take(rest);
  const auto st = (*cap)->stats();
  r.kernel_dropped = st.kernel_dropped;
  r.queue_dropped = st.queue_dropped;
  ::close(rx);
  ::close(tx);
  return r;
}

}  // namespace wirelab::bench
