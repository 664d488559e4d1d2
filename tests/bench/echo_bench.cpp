// echo_bench: round trips per second and latency of the echo server in every concurrency
// model, at several connection counts, next to a minimal plain epoll echo loop (the floor),
// plus live capture loss at several packet rates on lo. A benchmark, not a test: it prints a
// table. Every cell is bounded in time (--seconds each).
//
//   echo_bench [--seconds S] [--conns 10,100,1000] [--models a,b,...] [--idle 10000:100]
//              [--capture-pps 50000,100000,200000] [--capture-seconds S]
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "capture_rate.hpp"
#include "echo_load.hpp"
#include "plain_epoll_echo.hpp"
#include "servers/echo_protocol.hpp"
#include "servers/journal.hpp"
#include "servers/tcp_server.hpp"

using namespace wirelab;

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

// Connection counts a model can take here: iterative serves one connection at a time; fork
// and thread pay a process/thread per connection (capped to keep this 2-core machine usable).
int max_connections(const std::string& model) {
  if (model == "iterative") return 1;
  if (model == "fork") return 100;
  if (model == "thread") return 1000;
  // select takes any count: past FD_SETSIZE (1024) it refuses connections and the row says so
  return 10000;
}

void print_row(const std::string& model, int conns, int active, const bench::LoadResult& r) {
  if (!r.error.empty()) {
    std::printf("| %-22s | %6d | %6d | %12s | %9s | %9s | %s\n", model.c_str(), conns, active, "-", "-", "-",
                r.error.c_str());
    return;
  }
  std::printf("| %-22s | %6d | %6d | %12.0f | %9.1f | %9.1f |\n", model.c_str(), conns, active,
              static_cast<double>(r.round_trips) / r.seconds, r.p50_us, r.p99_us);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 1.0, capture_seconds = 2.0;
  std::vector<std::string> models = {"plain-epoll", "iterative", "fork",     "thread",    "nonblocking", "select",
                                     "poll",        "epoll-lt",  "epoll-et", "coroutine", "epoll-et+journal"};
  std::vector<std::string> conns = {"10", "100", "1000"};
  std::string idle = "10000:100";
  std::vector<std::string> pps = {"50000", "100000", "200000"};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--seconds") seconds = std::stod(v);
    else if (k == "--conns") conns = split(v);
    else if (k == "--models") models = split(v);
    else if (k == "--idle") idle = v;
    else if (k == "--capture-pps") pps = split(v);
    else if (k == "--capture-seconds") capture_seconds = std::stod(v);
    else {
      std::fprintf(stderr, "echo_bench: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (seconds <= 0 || seconds > 30 || capture_seconds <= 0 || capture_seconds > 120) {
    std::fprintf(stderr, "echo_bench: --seconds 0..30, --capture-seconds 0..120\n");
    return 2;
  }
  struct Cell {
    int conns, active;
  };
  std::vector<Cell> cells;
  for (const auto& c : conns) cells.push_back({std::stoi(c), std::stoi(c)});
  if (const auto colon = idle.find(':'); !idle.empty() && colon != std::string::npos)
    cells.push_back({std::stoi(idle.substr(0, colon)), std::stoi(idle.substr(colon + 1))});

  std::printf("| model                  |  conns | active | round trips/s |  p50 us |  p99 us |\n");
  std::printf("|------------------------|--------|--------|--------------|-----------|-----------|\n");
  for (const std::string& model : models) {
    for (const Cell& cell : cells) {
      if (model != "plain-epoll" && cell.conns > max_connections(model.substr(0, model.find('+')))) continue;
      if (model == "plain-epoll") {
        bench::PlainEpollEcho floor;
        print_row(model, cell.conns, cell.active, bench::run_echo_load_in_child(floor.port(), cell.conns, cell.active, seconds));
        continue;
      }
      servers::Journal journal;
      servers::ServerConfig cfg;
      cfg.protocol = std::make_shared<servers::EchoProtocol>();
      cfg.backlog = 4096;
      cfg.journal = model.find("+journal") != std::string::npos ? &journal : nullptr;
      auto server = servers::make_tcp_server(model.substr(0, model.find('+')), cfg);
      if (!server) {
        std::fprintf(stderr, "echo_bench: unknown model %s\n", model.c_str());
        return 2;
      }
      if (auto err = server->start()) {
        std::fprintf(stderr, "echo_bench: %s\n", err->message.c_str());
        return 1;
      }
      auto r = bench::run_echo_load_in_child(server->port(), cell.conns, cell.active, seconds);
      server->wait_until_idle(std::chrono::seconds(5));
      server->stop();
      if (r.error.empty() && !server->last_error().empty()) r.error = server->last_error();
      print_row(model, cell.conns, cell.active, r);
    }
  }

  std::printf("\n| capture target pps | sent pps | captured | kernel drops | wirelab drops | lost |\n");
  std::printf("|--------------------|----------|----------|--------------|---------------|------|\n");
  for (const auto& p : pps) {
    const auto r = bench::measure_capture_rate(std::stoull(p), capture_seconds);
    if (!r.error.empty()) {
      std::printf("| %18s | %s\n", p.c_str(), r.error.c_str());
      break;
    }
    std::printf("| %18s | %8.0f | %8llu | %12llu | %13llu | %4lld |\n", p.c_str(), static_cast<double>(r.sent) / r.seconds,
                static_cast<unsigned long long>(r.captured), static_cast<unsigned long long>(r.kernel_dropped),
                static_cast<unsigned long long>(r.queue_dropped),
                static_cast<long long>(r.sent) - static_cast<long long>(r.captured));
    std::fflush(stdout);
  }
  return 0;
}
