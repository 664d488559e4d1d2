// -z conv,tcp and -z conv,udp: tshark 4.0's conversation tables (ui/cli/tap-iousers.c),
// byte for byte: rows by total frames (most first, ties in order of appearance), sizes in
// tshark's SI units, start relative to the first packet of the file.
#include <algorithm>
#include <cinttypes>
#include <string>
#include <vector>

#include "cli/reports.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "decode/track/udp_tracker.hpp"

namespace wirelab::cli {

namespace {

struct ConvRow {
  std::string a, b;
  std::uint64_t frames_ab = 0, bytes_ab = 0, frames_ba = 0, bytes_ba = 0;
  std::int64_t start_ns = 0, stop_ns = 0;
};

// tshark's format_size(..., FORMAT_SIZE_UNIT_BYTES, 0): SI prefixes once the number reaches 10 of them.
std::string format_size(std::uint64_t n) {
  static constexpr const char* kPrefix[] = {"T", "G", "M", "k"};
  std::uint64_t div = 1000ull * 1000 * 1000 * 1000;
  for (const char* p : kPrefix) {
    if (n / div >= 10) return std::to_string(n / div) + " " + p + "B";
    div /= 1000;
  }
  return std::to_string(n) + " bytes";
}

void print_table(const char* type, const std::vector<ConvRow>& rows, std::int64_t first_ts, std::FILE* out) {
  std::fprintf(out, "================================================================================\n");
  std::fprintf(out, "%s Conversations\n", type);
  std::fprintf(out, "Filter:<No Filter>\n");
  std::fprintf(out, "            %s|       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n",
               "                                               ");
  std::fprintf(out, "            %s| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n",
               "                                               ");
  // Most frames first, ties in order of appearance (sorting (total, position) keeps it so).
  std::vector<std::pair<std::uint64_t, std::size_t>> order(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) order[i] = {~(rows[i].frames_ab + rows[i].frames_ba), i};
  std::sort(order.begin(), order.end());
  for (const auto& [key, index] : order) {
    const ConvRow& r = rows[index];
    if (r.frames_ab + r.frames_ba == 0) continue;
    std::fprintf(out, "%-26s <-> %-26s", r.a.c_str(), r.b.c_str());
    std::fprintf(out, "  %6" PRIu64 " %-9s  %6" PRIu64 " %-9s  %6" PRIu64 " %-9s  ", r.frames_ba,
                 format_size(r.bytes_ba).c_str(), r.frames_ab, format_size(r.bytes_ab).c_str(),
                 r.frames_ab + r.frames_ba, format_size(r.bytes_ab + r.bytes_ba).c_str());
    const double start = static_cast<double>(r.start_ns - first_ts) / 1e9;
    const double stop = static_cast<double>(r.stop_ns - first_ts) / 1e9;
    std::fprintf(out, "%14.9f   %12.4f\n", start, stop - start);
  }
  std::fprintf(out, "================================================================================\n");
}

}  // namespace

void print_conv_tcp(const decode::Trackers& t, std::FILE* out) {
  std::vector<ConvRow> rows;
  for (const decode::TcpConnection& c : t.tcp().connections()) {
    const bool client_is_a = c.client().address == c.first_src();
    const auto& a = client_is_a ? c.client() : c.server();
    const auto& b = client_is_a ? c.server() : c.client();
    rows.push_back({.a = decode::to_string(c.first_src()), .b = decode::to_string(c.first_dst()),
                    .frames_ab = a.table_packets, .bytes_ab = a.table_bytes, .frames_ba = b.table_packets,
                    .bytes_ba = b.table_bytes,
                    .start_ns = c.first_ts_ns(), .stop_ns = c.last_ts_ns()});
  }
  print_table("TCP", rows, t.first_ts_ns(), out);
}

void print_conv_udp(const decode::Trackers& t, std::FILE* out) {
  std::vector<ConvRow> rows;
  for (const decode::UdpFlow& f : t.udp().flows())
    rows.push_back({.a = decode::to_string(f.a), .b = decode::to_string(f.b), .frames_ab = f.frames_ab,
                    .bytes_ab = f.wire_bytes_ab, .frames_ba = f.frames_ba, .bytes_ba = f.wire_bytes_ba,
                    .start_ns = f.first_ts_ns, .stop_ns = f.last_ts_ns});
  print_table("UDP", rows, t.first_ts_ns(), out);
}

}  // namespace wirelab::cli
