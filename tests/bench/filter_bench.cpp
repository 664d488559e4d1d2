// What a display filter costs on top of decoding: read + dissect + track every packet of a
// large capture, with and without evaluating a filter per packet. The budget is
// at most +20 % for a typical filter (`tcp.port == 80 && ip.src == 10.0.0.1`).
//
// The capture is WIRELAB_BENCH_PCAP if set, else a synthetic one generated on first use in
// the temporary directory (1,000,000 Ethernet/IPv4 TCP and UDP frames; never committed):
//   build/dev/tests/bench/filter_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "capture/packet_stream.hpp"
#include "decode/filter/filter.hpp"

namespace {

using namespace wirelab;

void put16(std::vector<std::uint8_t>& b, unsigned v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
void put32le(std::vector<std::uint8_t>& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// One frame: 80 % TCP, 20 % UDP; 64 hosts 10.0.0.x talking to 192.168.1.x; port 80 on a
// quarter of the TCP flows; payloads of 0..200 bytes, some starting with "GET ".
std::vector<std::uint8_t> synthetic_frame(std::uint64_t i) {
  std::uint64_t x = i * 0x9E3779B97F4A7C15ull;
  x ^= x >> 29;
  const bool tcp = (x % 5) != 0;
  const unsigned host = static_cast<unsigned>((x >> 8) % 64), server = static_cast<unsigned>((x >> 16) % 16);
  const bool to_server = (x >> 24) & 1;
  const unsigned client_port = 32768 + static_cast<unsigned>((x >> 32) % 20000);
  const unsigned server_port = tcp ? ((x >> 20) % 4 == 0 ? 80 : 8000 + server) : 53;
  const std::size_t payload = static_cast<std::size_t>((x >> 40) % 200);
  std::vector<std::uint8_t> b;
  b.insert(b.end(), {0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(server), 0x02, 0, 0, 1, 0,
                     static_cast<std::uint8_t>(host), 0x08, 0x00});
  const unsigned l4 = tcp ? 20 : 8;
  b.insert(b.end(), {0x45, 0});
  put16(b, static_cast<unsigned>(20 + l4 + payload));
  b.insert(b.end(), {0, 0, 0x40, 0, 64, static_cast<std::uint8_t>(tcp ? 6 : 17), 0, 0});
  const std::uint8_t client_ip[4] = {10, 0, 0, static_cast<std::uint8_t>(host)};
  const std::uint8_t server_ip[4] = {192, 168, 1, static_cast<std::uint8_t>(server)};
  b.insert(b.end(), to_server ? client_ip : server_ip, (to_server ? client_ip : server_ip) + 4);
  b.insert(b.end(), to_server ? server_ip : client_ip, (to_server ? server_ip : client_ip) + 4);
  put16(b, to_server ? client_port : server_port);
  put16(b, to_server ? server_port : client_port);
  if (tcp) {
    b.insert(b.end(), {0, 0, 0, 1, 0, 0, 0, 1, 0x50, static_cast<std::uint8_t>(payload ? 0x18 : 0x10), 0xff, 0xff,
                       0, 0, 0, 0});
  } else {
    put16(b, static_cast<unsigned>(8 + payload));
    b.insert(b.end(), {0, 0});
  }
  for (std::size_t k = 0; k < payload; ++k) b.push_back(static_cast<std::uint8_t>(k < 4 ? "GET "[k] : 'a' + k % 26));
  return b;
}

std::string bench_capture() {
  if (const char* env = std::getenv("WIRELAB_BENCH_PCAP")) return env;
  const auto path = std::filesystem::temp_directory_path() / "wirelab_filter_bench_1M.pcap";
  if (std::filesystem::exists(path)) return path.string();
  const auto tmp = path.string() + ".partial";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return path.string();
  std::vector<std::uint8_t> header;
  put32le(header, 0xa1b2c3d4);
  header.insert(header.end(), {2, 0, 4, 0});
  put32le(header, 0);
  put32le(header, 0);
  put32le(header, 262144);
  put32le(header, 1);
  std::fwrite(header.data(), 1, header.size(), f);
  for (std::uint64_t i = 0; i < 1'000'000; ++i) {
    const auto frame = synthetic_frame(i);
    std::vector<std::uint8_t> rec;
    put32le(rec, static_cast<std::uint32_t>(1'700'000'000 + i / 10000));
    put32le(rec, static_cast<std::uint32_t>((i % 10000) * 100));
    put32le(rec, static_cast<std::uint32_t>(frame.size()));
    put32le(rec, static_cast<std::uint32_t>(frame.size()));
    std::fwrite(rec.data(), 1, rec.size(), f);
    std::fwrite(frame.data(), 1, frame.size(), f);
  }
  std::fclose(f);
  std::filesystem::rename(tmp, path);
  return path.string();
}

void run(benchmark::State& state, const char* filter_text) {
  const std::string path = bench_capture();
  auto filter = decode::filter::compile(filter_text ? filter_text : "");
  if (!filter) {
    state.SkipWithError(filter.error().message.c_str());
    return;
  }
  std::uint64_t packets = 0, selected = 0;
  for (auto _ : state) {
    auto stream = capture::PacketStream::open(path);
    if (!stream) {
      state.SkipWithError(stream.error().message().c_str());
      return;
    }
    while (stream->next()) {
      ++packets;
      if (!filter_text || filter->matches(stream->context())) ++selected;
    }
    benchmark::DoNotOptimize(selected);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(packets));
  state.counters["selected_per_pass"] =
      benchmark::Counter(static_cast<double>(selected) / static_cast<double>(state.iterations()));
}

void BM_DecodeOnly(benchmark::State& s) { run(s, nullptr); }
void BM_DecodeAndTypicalFilter(benchmark::State& s) { run(s, "tcp.port == 80 && ip.src == 10.0.0.1"); }
void BM_DecodeAndCidrSetFilter(benchmark::State& s) {
  run(s, "ip.addr == 192.168.1.0/28 and (udp.port in {53, 67..69} or tcp.flags.push == 1)");
}
void BM_DecodeAndSliceFilter(benchmark::State& s) { run(s, "eth.src[0:3] == 02:00:00 && !(tcp.len < 10)"); }
void BM_DecodeAndContainsFilter(benchmark::State& s) { run(s, "tcp contains \"GET \""); }
void BM_DecodeAndRegexFilter(benchmark::State& s) { run(s, "frame matches \"get aa?b\""); }
// Any filter: WIRELAB_BENCH_FILTER='udp.port == 53' filter_bench --benchmark_filter=Env
void BM_DecodeAndEnvFilter(benchmark::State& s) {
  const char* text = std::getenv("WIRELAB_BENCH_FILTER");
  run(s, text ? text : "frame");
}

BENCHMARK(BM_DecodeOnly)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DecodeAndTypicalFilter)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DecodeAndCidrSetFilter)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DecodeAndSliceFilter)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DecodeAndContainsFilter)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DecodeAndRegexFilter)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DecodeAndEnvFilter)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
