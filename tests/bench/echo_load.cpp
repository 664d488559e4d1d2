#include "echo_load.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace wirelab::bench {
namespace {

constexpr std::size_t kMessage = 64;
using Clock = std::chrono::steady_clock;

struct Conn {
  int fd = -1;
  std::size_t got = 0;
  Clock::time_point sent;
  bool answered = false;  // a first echo came back
};

// In the child: connect, run, write the result struct (and an error text) to `out`.
void child_main(int out, std::uint16_t port, int connections, int active, double seconds) {
  LoadResult r;
  std::vector<Conn> conns(static_cast<std::size_t>(connections));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  for (auto& c : conns) {
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (c.fd < 0 || ::connect(c.fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      r.error = std::string("connect #") + std::to_string(&c - conns.data()) + ": " + std::strerror(errno);
      break;
    }
  }
  std::vector<double> lat_us;
  lat_us.reserve(4'000'000);
  const char msg[kMessage] = "0123456789012345678901234567890123456789012345678901234567890";
  char buf[4096];
  // Markers for the parent (the server's process): it reads its own CPU time at 'S' and 'E',
  // so connecting 10,000 sockets is not billed to the round trips.
  [[maybe_unused]] ssize_t marked = ::write(out, "S", 1);
  if (r.error.empty()) {
    for (int i = 0; i < active; ++i) {
      Conn& c = conns[static_cast<std::size_t>(i)];
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u32 = static_cast<std::uint32_t>(i);
      ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
      c.sent = Clock::now();
      if (::send(c.fd, msg, kMessage, MSG_NOSIGNAL) != static_cast<ssize_t>(kMessage)) r.error = "first send failed";
    }
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<epoll_event> ready(1024);
    while (r.error.empty()) {
      const auto now = Clock::now();
      if (now >= until) break;
      const int n = ::epoll_wait(ep, ready.data(), static_cast<int>(ready.size()), 100);
      for (int k = 0; k < n; ++k) {
        Conn& c = conns[ready[static_cast<std::size_t>(k)].data.u32];
        const ssize_t got = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
        if (got <= 0) {
          if (got < 0 && errno == EAGAIN) continue;
          r.error = got == 0 ? "server closed a connection" : std::string("recv: ") + std::strerror(errno);
          break;
        }
        c.got += static_cast<std::size_t>(got);
        if (c.got < kMessage) continue;
        c.got -= kMessage;
        const auto t = Clock::now();
        // A connection's first round trip also waits for the server to accept() it (1,000
        // connections made at once queue there): latency counts the round trips after it.
        if (c.answered) lat_us.push_back(std::chrono::duration<double, std::micro>(t - c.sent).count());
        c.answered = true;
        ++r.round_trips;
        c.sent = t;
        if (::send(c.fd, msg, kMessage, MSG_NOSIGNAL) != static_cast<ssize_t>(kMessage)) r.error = "send failed";
      }
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  marked = ::write(out, "E", 1);
  if (!lat_us.empty()) {
    auto pct = [&](double p) {
      const auto i = static_cast<std::size_t>(p * static_cast<double>(lat_us.size() - 1));
      std::nth_element(lat_us.begin(), lat_us.begin() + static_cast<std::ptrdiff_t>(i), lat_us.end());
      return lat_us[i];
    };
    r.p50_us = pct(0.50);
    r.p99_us = pct(0.99);
  }
  for (auto& c : conns)
    if (c.fd >= 0) ::close(c.fd);
  ::close(ep);
  const double nums[4] = {static_cast<double>(r.round_trips), r.seconds, r.p50_us, r.p99_us};
  [[maybe_unused]] ssize_t w = ::write(out, nums, sizeof nums);
  w = ::write(out, r.error.data(), r.error.size());
  ::close(out);
}

}  // namespace

int echo_load_child_main(int argc, char** argv) {
  if (argc != 7 || std::string_view(argv[1]) != kLoadChildFlag) return 2;
  child_main(std::atoi(argv[2]), static_cast<std::uint16_t>(std::atoi(argv[3])), std::atoi(argv[4]),
             std::atoi(argv[5]), std::strtod(argv[6], nullptr));
  return 0;
}

LoadResult run_echo_load_in_child(std::uint16_t port, int connections, int active, double seconds) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return {.error = "pipe failed"};
  // Built before fork(): the child of a threaded process should only make async-signal-safe calls.
  const std::string args[] = {kLoadChildFlag,          std::to_string(p[1]),   std::to_string(port),
                              std::to_string(connections), std::to_string(active), std::to_string(seconds)};
  char* argv[std::size(args) + 2] = {const_cast<char*>("echo_bench")};
  for (std::size_t i = 0; i < std::size(args); ++i) argv[i + 1] = const_cast<char*>(args[i].c_str());
  const pid_t pid = ::fork();
  if (pid == 0) {
    // The child executes this program afresh (echo_load_child_main) instead of running on in
    // the fork: a forked child shares every page of the server's process copy-on-write, so
    // each page the server writes afterwards (a journal's growth reuses freed heap) would
    // cost it a page fault and a TLB flush on both cores that no real run pays.
    ::close(p[0]);
    ::fcntl(p[1], F_SETFD, 0);
    ::execv("/proc/self/exe", argv);
    ::_exit(127);  // the parent sees no result: "load process died"
  }
  ::close(p[1]);
  LoadResult r;
  if (pid < 0) {
    ::close(p[0]);
    return {.error = "fork failed"};
  }
  // The server runs in this process: its CPU time between the child's markers is the cost of
  // the round trips (all threads of this process; the caller's thread is blocked in read()).
  auto cpu_seconds = [] {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  char mark = 0;
  double cpu_start = 0;
  if (::read(p[0], &mark, 1) == 1 && mark == 'S') cpu_start = cpu_seconds();
  if (::read(p[0], &mark, 1) == 1 && mark == 'E') r.server_cpu_seconds = cpu_seconds() - cpu_start;
  double nums[4] = {};
  std::size_t off = 0;
  auto* bytes = reinterpret_cast<char*>(nums);
  for (ssize_t n; off < sizeof nums && (n = ::read(p[0], bytes + off, sizeof nums - off)) > 0;) off += static_cast<std::size_t>(n);
  char err[512];
  for (ssize_t n; (n = ::read(p[0], err, sizeof err)) > 0;) r.error.append(err, static_cast<std::size_t>(n));
  ::close(p[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (off < sizeof nums && r.error.empty()) r.error = "load process died";
  r.round_trips = static_cast<std::uint64_t>(nums[0]);
  r.seconds = nums[1];
  r.p50_us = nums[2];
  r.p99_us = nums[3];
  return r;
}

}  // namespace wirelab::bench
