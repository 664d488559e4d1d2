// What a display filter costs on top of decoding: read + dissect + track every packet of a
// large capture, with and without evaluating a filter per packet. The budget is at
// most +20 % for a typical filter: the shapes of the course's examples (`ip.dst == X`,
// `udp.port == Y`, `ip.dst == X and udp.port == Y`, `tcp.flags.syn == 1`, `tcp.port == 80 or
// udp`, `tcp.stream eq 3`). Heavier filters (sets, slices, contains, regex) are measured too,
// outside that budget.
//
// The capture is WIRELAB_BENCH_PCAP if set, else a synthetic one generated on first use in
// the temporary directory (1,000,000 Ethernet/IPv4 TCP and UDP frames; never committed):
//   filter_bench [--benchmark_* flags]       one benchmark per filter, plus DecodeOnly
//   filter_bench --count NAME N              N packets through decode + filter NAME ("decode":
//       none), instrumentation on only around the loop; run it under
//       `valgrind --tool=callgrind --collect-atstart=no` for instructions per packet.
//   WIRELAB_BENCH_FILTER='udp.port == 53' filter_bench --benchmark_filter=env   any filter
#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
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

struct NamedFilter {
  const char* name;
  const char* text;
  bool typical;  // inside the +20 % budget
};

// Addresses and ports that occur in the synthetic capture (10.0.0.x clients, 192.168.1.x
// servers, TCP ports 80 and 8000+, UDP port 53; no SYNs, so that test never selects).
constexpr NamedFilter kFilters[] = {
    {"ip_dst", "ip.dst == 192.168.1.5", true},
    {"udp_port", "udp.port == 53", true},
    {"ip_dst_and_udp_port", "ip.dst == 192.168.1.5 and udp.port == 53", true},
    {"tcp_syn", "tcp.flags.syn == 1", true},
    {"tcp_port_or_udp", "tcp.port == 80 or udp", true},
    {"tcp_stream", "tcp.stream eq 3", true},
    {"tcp_port_and_ip_src", "tcp.port == 80 && ip.src == 10.0.0.1", true},
    {"cidr_set", "ip.addr == 192.168.1.0/28 and (udp.port in {53, 67..69} or tcp.flags.push == 1)", false},
    {"slice", "eth.src[0:3] == 02:00:00 && !(tcp.len < 10)", false},
    {"contains", "tcp contains \"GET \"", false},
    {"regex", "frame matches \"get aa?b\"", false},
};

const char* filter_text_of(std::string_view name) {
  if (name == "decode") return nullptr;
  if (name == "env") return std::getenv("WIRELAB_BENCH_FILTER") ? std::getenv("WIRELAB_BENCH_FILTER") : "frame";
  for (const NamedFilter& f : kFilters)
    if (name == f.name) return f.text;
  return "";
}

// Decodes up to `limit` packets of the capture, filtering them with `filter_text` (nullptr:
// decode only); `around` runs the loop (instrumentation toggles). Returns the packets read.
template <class Around>
std::uint64_t pass(const std::string& path, const decode::filter::Filter* filter, std::uint64_t limit,
                   std::uint64_t& selected, std::string& error, Around around) {
  auto stream = capture::PacketStream::open(path);
  if (!stream) {
    error = stream.error().message();
    return 0;
  }
  std::uint64_t packets = 0;
  around([&] {
    while (packets < limit && stream->next()) {
      ++packets;
      if (!filter || filter->matches(stream->context())) ++selected;
    }
  });
  return packets;
}

void run(benchmark::State& state, const char* filter_text) {
  const std::string path = bench_capture();
  auto filter = decode::filter::compile(filter_text ? filter_text : "");
  if (!filter) {
    state.SkipWithError(filter.error().message.c_str());
    return;
  }
  std::uint64_t packets = 0, selected = 0;
  std::string error;
  for (auto _ : state) {
    packets += pass(path, filter_text ? &*filter : nullptr, ~std::uint64_t{0}, selected, error,
                    [](auto&& loop) { loop(); });
    if (!error.empty()) {
      state.SkipWithError(error.c_str());
      return;
    }
    benchmark::DoNotOptimize(selected);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(packets));
  state.counters["selected_per_pass"] =
      benchmark::Counter(static_cast<double>(selected) / static_cast<double>(state.iterations()));
}

int count_instructions(std::string_view name, std::uint64_t n) {
  const char* text = filter_text_of(name);
  if (text && !*text) {
    std::fprintf(stderr, "filter_bench: unknown filter name %.*s\n", static_cast<int>(name.size()), name.data());
    return 2;
  }
  auto filter = decode::filter::compile(text ? text : "");
  if (!filter) {
    std::fprintf(stderr, "filter_bench: %s\n", filter.error().message.c_str());
    return 2;
  }
  std::uint64_t selected = 0;
  std::string error;
  const std::uint64_t packets = pass(bench_capture(), text ? &*filter : nullptr, n, selected, error, [](auto&& loop) {
    CALLGRIND_TOGGLE_COLLECT;
    loop();
    CALLGRIND_TOGGLE_COLLECT;
  });
  std::printf("%.*s %llu packets %llu selected%s%s\n", static_cast<int>(name.size()), name.data(),
              static_cast<unsigned long long>(packets), static_cast<unsigned long long>(selected),
              error.empty() ? "" : " error: ", error.c_str());
  return error.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string_view(argv[1]) == "--count")
    return count_instructions(argv[2], std::strtoull(argv[3], nullptr, 10));
  benchmark::Initialize(&argc, argv);
  auto add = [](const std::string& name, const char* text) {
    benchmark::RegisterBenchmark(name.c_str(), [text](benchmark::State& s) { run(s, text); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  };
  add("decode", nullptr);
  for (const NamedFilter& f : kFilters) add(std::string(f.typical ? "typical/" : "heavy/") + f.name, f.text);
  add("env", filter_text_of("env"));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
