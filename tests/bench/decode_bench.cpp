// decode_bench: read + decode throughput over large captures, five passes side by side in
// one run (see read_passes.hpp). Not a ctest test: run it through scripts/bench.sh.
//
//   decode_bench [--in-memory] FILE... [--benchmark_* flags]
//       one Google Benchmark per (pass, file); counters packets/s and bytes/s (captured bytes).
//       --in-memory: the wirelab passes over a copy of each file in memory (CaptureCopy in
//       read_passes.hpp), named PASS/mem:FILE; libpcap and libtins are left out.
//   decode_bench --count PASS FILE N
//       reads N packets with PASS, instrumentation on only around the per-packet loop; run it
//       under `valgrind --tool=callgrind --collect-atstart=no` for instructions per packet.
#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench/read_passes.hpp"

namespace {

using wirelab::bench::Pass;

// Times `one_pass` and reports the last pass's counters (no byte rate for libtins, which does
// not say how many bytes it read).
template <class OnePass>
void bench_loop(benchmark::State& state, Pass pass, OnePass one_pass) {
  wirelab::bench::PassResult last;
  for (auto _ : state) {
    last = one_pass();
    benchmark::DoNotOptimize(last.checksum);
  }
  if (!last.error.empty()) state.SkipWithError(last.error.c_str());
  const auto iters = static_cast<double>(state.iterations());
  state.counters["packets"] = static_cast<double>(last.packets);
  state.counters["packets_per_s"] = benchmark::Counter(static_cast<double>(last.packets) * iters, benchmark::Counter::kIsRate);
  if (pass != Pass::Libtins) state.SetBytesProcessed(static_cast<std::int64_t>(last.captured_bytes * state.iterations()));
}

void bench_pass(benchmark::State& state, Pass pass, const std::string& path) {
  bench_loop(state, pass, [&] { return wirelab::bench::run_pass(pass, path); });
}

void bench_pass_in_memory(benchmark::State& state, Pass pass, const wirelab::bench::CaptureCopy* copy) {
  bench_loop(state, pass, [&] { return wirelab::bench::run_pass_in_memory(pass, *copy); });
}

// Reads the file once so every pass meets it in the page cache.
void warm(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buf(1 << 20);
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
  }
}

int count_instructions(const char* pass_name, const std::string& path, std::uint64_t n) {
  Pass pass;
  if (!wirelab::bench::pass_from_name(pass_name, pass)) {
    std::fprintf(stderr, "decode_bench: unknown pass %s\n", pass_name);
    return 2;
  }
  const auto r = wirelab::bench::run_pass(pass, path, n, [](const std::function<void()>& loop) {
    CALLGRIND_TOGGLE_COLLECT;
    loop();
    CALLGRIND_TOGGLE_COLLECT;
  });
  std::printf("%s %llu packets %llu bytes checksum %llu%s%s\n", pass_name, static_cast<unsigned long long>(r.packets),
              static_cast<unsigned long long>(r.captured_bytes), static_cast<unsigned long long>(r.checksum),
              r.error.empty() ? "" : " error: ", r.error.c_str());
  return r.error.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--count")
    return count_instructions(argv[2], argv[3], std::strtoull(argv[4], nullptr, 10));
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> files(argv + 1, argv + argc);
  const bool in_memory = !files.empty() && files.front() == "--in-memory";
  if (in_memory) files.erase(files.begin());
  if (files.empty()) {
    std::fprintf(stderr, "usage: decode_bench [--in-memory] FILE... [--benchmark flags] | --count PASS FILE N\n");
    return 2;
  }
  const int iterations = std::getenv("WIRELAB_BENCH_ITERATIONS") ? std::atoi(std::getenv("WIRELAB_BENCH_ITERATIONS")) : 3;
  std::vector<std::unique_ptr<wirelab::bench::CaptureCopy>> copies;
  for (const auto& f : files) {
    warm(f);
    const std::string base = f.substr(f.find_last_of('/') + 1);
    if (in_memory) {
      copies.push_back(std::make_unique<wirelab::bench::CaptureCopy>(f));
      for (Pass p : {Pass::WirelabRead, Pass::Dissect, Pass::DissectTrack, Pass::DissectStory})
        benchmark::RegisterBenchmark((std::string(wirelab::bench::pass_name(p)) + "/mem:" + base).c_str(),
                                     bench_pass_in_memory, p, copies.back().get())
            ->Unit(benchmark::kMillisecond)
            ->Iterations(iterations);
      continue;
    }
    for (Pass p : {Pass::LibpcapLoop, Pass::WirelabRead, Pass::Dissect, Pass::DissectTrack, Pass::DissectStory,
                   Pass::Libtins})
      benchmark::RegisterBenchmark((std::string(wirelab::bench::pass_name(p)) + "/" + base).c_str(), bench_pass, p, f)
          ->Unit(benchmark::kMillisecond)
          ->Iterations(iterations);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
