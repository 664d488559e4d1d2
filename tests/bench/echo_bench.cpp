// echo_bench: round trips per second and latency of the echo server in every concurrency
// model, at several connection counts, next to a minimal plain epoll echo loop (the floor),
// plus live capture loss at several packet rates on lo. A benchmark, not a test: it prints a
// table. Every cell is bounded in time (--seconds each).
//
//   echo_bench [--seconds S] [--repeat N] [--conns 10,100,1000] [--models a,b,...] [--idle 10000:100]
//              [--capture-pps 50000,100000,200000] [--capture-seconds S] [--capture-timeout-ms T]
//              [--capture-decode on|off]
//   (--capture-timeout-ms 0: libpcap immediate mode; --capture-decode on: the consumer dissects
//   and tracks every frame; --models none / --capture-pps none skip a part)
//
// Columns: round trips/s and latency seen by the load generator (each connection's first round
// trip, which also waits for accept(), left out of p50/p99); CPU us/rt = CPU time of the
// server's process per round trip (robust on a loaded machine: it does not count time spent
// waiting for a core; n/a for fork, whose children's CPU it cannot see); "vs plain" = the plain
// loop's rate / CPU cost relative to the model's.
// A "+journal" suffix runs the model with the socket-event journal on, as `wirelab-cli run` does.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "capture/live_capture.hpp"
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
  if (s == "none") return out;
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

struct Cell {
  int conns, active;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// One model at one cell over all repetitions.
struct Runs {
  std::vector<double> rate, p50, p99, cpu_us;  // cpu_us: server CPU microseconds per round trip
  std::string error;
  void add(const bench::LoadResult& r) {
    if (!r.error.empty()) {
      error = r.error;
      return;
    }
    rate.push_back(static_cast<double>(r.round_trips) / r.seconds);
    p50.push_back(r.p50_us);
    p99.push_back(r.p99_us);
    cpu_us.push_back(r.round_trips ? r.server_cpu_seconds * 1e6 / static_cast<double>(r.round_trips) : 0);
  }
};

bench::LoadResult run_model(const std::string& model, const Cell& cell, double seconds) {
  if (model == "plain-epoll") {
    bench::PlainEpollEcho floor;
    return bench::run_echo_load_in_child(floor.port(), cell.conns, cell.active, seconds);
  }
  const std::string base = model.substr(0, model.find('+'));
  servers::Journal journal;
  servers::ServerConfig cfg;
  cfg.protocol = std::make_shared<servers::EchoProtocol>();
  cfg.backlog = 4096;
  cfg.journal = model.find("+journal") != std::string::npos ? &journal : nullptr;
  auto server = servers::make_tcp_server(base, cfg);
  if (!server) return {.error = "unknown model " + model};
  if (auto err = server->start()) return {.error = err->message};
  auto r = bench::run_echo_load_in_child(server->port(), cell.conns, cell.active, seconds);
  server->wait_until_idle(std::chrono::seconds(5));
  server->stop();
  if (r.error.empty() && !server->last_error().empty()) r.error = server->last_error();
  return r;
}

void print_row(const std::string& model, const Cell& cell, const Runs& runs, double plain_rate, double plain_cpu) {
  if (runs.rate.empty()) {
    std::printf("| %-22s | %6d | %6d | %12s | %9s | %9s | %7s | %6s | %s\n", model.c_str(), cell.conns, cell.active,
                "-", "-", "-", "-", "-", runs.error.c_str());
    return;
  }
  const double rate = median(runs.rate), cpu = median(runs.cpu_us);
  // fork serves each connection in a child process, whose CPU the server process's clock does
  // not count: its CPU columns would flatter it absurdly.
  const bool cpu_known = model.rfind("fork", 0) != 0;
  char cpu_text[16] = "n/a", cpu_pct[16] = "n/a";
  if (cpu_known) {
    std::snprintf(cpu_text, sizeof cpu_text, "%.2f", cpu);
    std::snprintf(cpu_pct, sizeof cpu_pct, "%.0f%%", cpu > 0 ? 100.0 * plain_cpu / cpu : 0);
  }
  std::printf("| %-22s | %6d | %6d | %12.0f | %9.1f | %9.1f | %7s | %5.0f%% | %6s |\n", model.c_str(), cell.conns,
              cell.active, rate, median(runs.p50), median(runs.p99), cpu_text,
              plain_rate > 0 ? 100.0 * rate / plain_rate : 0, cpu_pct);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == bench::kLoadChildFlag) return bench::echo_load_child_main(argc, argv);
  double seconds = 1.0, capture_seconds = 2.0;
  int repeat = 1;
  int capture_timeout_ms = capture::LiveCaptureOptions{}.batch_timeout_ms;
  bool capture_decode = false;
  std::vector<std::string> models = {"plain-epoll", "iterative", "fork",     "thread",    "nonblocking", "select",
                                     "poll",        "epoll-lt",  "epoll-et", "coroutine", "epoll-lt+journal",
                                     "epoll-et+journal"};
  std::vector<std::string> conns = {"10", "100", "1000"};
  std::string idle = "10000:100";
  std::vector<std::string> pps = {"50000", "100000", "200000"};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--seconds") seconds = std::stod(v);
    else if (k == "--conns") conns = split(v);
    else if (k == "--repeat") repeat = std::stoi(v);
    else if (k == "--models") models = split(v);
    else if (k == "--idle") idle = v;
    else if (k == "--capture-pps") pps = split(v);
    else if (k == "--capture-seconds") capture_seconds = std::stod(v);
    else if (k == "--capture-timeout-ms") capture_timeout_ms = std::stoi(v);
    else if (k == "--capture-decode") capture_decode = v == "on";
    else {
      std::fprintf(stderr, "echo_bench: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (seconds <= 0 || seconds > 30 || capture_seconds <= 0 || capture_seconds > 120 || repeat < 1 || repeat > 9) {
    std::fprintf(stderr, "echo_bench: --seconds 0..30, --capture-seconds 0..120, --repeat 1..9\n");
    return 2;
  }
  std::vector<Cell> cells;
  for (const auto& c : conns) cells.push_back({std::stoi(c), std::stoi(c)});
  if (const auto colon = idle.find(':'); !idle.empty() && colon != std::string::npos)
    cells.push_back({std::stoi(idle.substr(0, colon)), std::stoi(idle.substr(colon + 1))});

  // Every repetition runs every model at a cell back to back (plain-epoll first), so that the
  // load of this shared machine hits them alike; the table shows medians over repetitions.
  if (models.empty()) cells.clear();
  std::vector<std::vector<Runs>> runs(cells.size(), std::vector<Runs>(models.size()));
  for (int rep = 0; rep < repeat; ++rep)
    for (std::size_t c = 0; c < cells.size(); ++c)
      for (std::size_t m = 0; m < models.size(); ++m) {
        if (models[m] != "plain-epoll" && cells[c].conns > max_connections(models[m].substr(0, models[m].find('+'))))
          continue;
        runs[c][m].add(run_model(models[m], cells[c], seconds));
        std::fprintf(stderr, ".");
      }
  if (!cells.empty()) {
    std::fprintf(stderr, "\n");
    std::printf("medians of %d runs of %.1f s; load generator: one epoll thread in a child process on the same cores\n",
                repeat, seconds);
    std::printf("| model                  |  conns | active | round trips/s |  p50 us |  p99 us | CPU us/rt | rate vs plain | CPU vs plain |\n");
    std::printf("|------------------------|--------|--------|--------------|-----------|-----------|---------|--------|--------|\n");
    const auto plain = std::find(models.begin(), models.end(), "plain-epoll");
    for (std::size_t m = 0; m < models.size(); ++m)
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (runs[c][m].rate.empty() && runs[c][m].error.empty()) continue;  // not run (too many connections)
        const Runs* floor = plain != models.end() ? &runs[c][static_cast<std::size_t>(plain - models.begin())] : nullptr;
        print_row(models[m], cells[c], runs[c][m], floor ? median(floor->rate) : 0, floor ? median(floor->cpu_us) : 0);
      }
  }
  std::fflush(stdout);

  if (pps.empty()) return 0;
  std::printf("\ncapture: %s, consumer %s, %.0f s per rate\n",
              capture_timeout_ms > 0 ? ("blocks handed over every " + std::to_string(capture_timeout_ms) + " ms").c_str()
                                     : "immediate mode",
              capture_decode ? "decodes and tracks every frame" : "only counts frames", capture_seconds);
  std::printf("| target pps | sent pps |     sent | captured | kernel drops | wirelab drops |  lost | CPU sender | CPU capture | CPU consumer |\n");
  std::printf("|------------|----------|----------|----------|--------------|---------------|-------|------------|-------------|--------------|\n");
  for (const auto& p : pps) {
    const auto r = bench::measure_capture_rate(std::stoull(p), capture_seconds, capture_timeout_ms, capture_decode);
    if (!r.error.empty()) {
      std::printf("| %10s | %s\n", p.c_str(), r.error.c_str());
      break;
    }
    auto pct = [&](double cpu) { return 100.0 * cpu / r.seconds; };
    std::printf("| %10s | %8.0f | %8llu | %8llu | %12llu | %13llu | %5lld | %9.0f%% | %10.0f%% | %11.0f%% |\n", p.c_str(),
                static_cast<double>(r.sent) / r.seconds, static_cast<unsigned long long>(r.sent),
                static_cast<unsigned long long>(r.captured), static_cast<unsigned long long>(r.kernel_dropped),
                static_cast<unsigned long long>(r.queue_dropped),
                static_cast<long long>(r.sent) - static_cast<long long>(r.captured), pct(r.sender_cpu),
                pct(r.capture_cpu), pct(r.consumer_cpu));
    std::fflush(stdout);
  }
  return 0;
}
