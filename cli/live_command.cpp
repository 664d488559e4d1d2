// wirelab-cli -i IFACE [-f BPF] [-c N] [-a duration:S] [-w OUT.pcapng]: live capture, decoded
// and printed as it arrives (same printers as -r), optionally written to pcapng. Stops at -c
// packets, after -a duration, or on Ctrl-C; then reports what was captured and dropped.
#include <csignal>
#include <cstdio>
#include <memory>

#include "capture/frame_sequence.hpp"
#include "capture/live_capture.hpp"
#include "capture/pcapng_writer.hpp"
#include "cli/commands.hpp"
#include "cli/packet_printer.hpp"

namespace wirelab::cli {
namespace {

// Set by SIGINT/SIGTERM; the only state a signal handler may touch.
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int) { g_interrupted = 1; }

}  // namespace

int run_live(const Options& opts) {
  auto printer = PacketPrinter::create(opts, stdout);
  if (!printer) {
    std::fprintf(stderr, "wirelab-cli: %s\n", printer.error().message.c_str());
    return 2;
  }
  capture::LiveCaptureOptions lo;
  lo.interface = opts.interface;
  lo.filter = opts.capture_filter;
  if (opts.immediate_mode) lo.batch_timeout_ms = 0;
  auto cap = capture::LiveCapture::open(lo);
  if (!cap) {
    std::fprintf(stderr, "wirelab-cli: %s\n", cap.error().message.c_str());
    return 1;
  }
  std::unique_ptr<capture::PcapngWriter> writer;
  std::uint32_t iface = 0;
  if (!opts.write_file.empty()) {
    auto w = capture::PcapngWriter::create(opts.write_file);
    if (!w) {
      std::fprintf(stderr, "wirelab-cli: %s\n", w.error().message.c_str());
      return 1;
    }
    writer = std::move(*w);
    iface = writer->add_interface((*cap)->link_type(), static_cast<std::uint32_t>(lo.snaplen), lo.interface);
  }
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  std::fprintf(stderr, "Capturing on '%s'%s%s\n", lo.interface.c_str(), lo.filter.empty() ? "" : " with filter ",
               lo.filter.c_str());

  const auto start = std::chrono::steady_clock::now();
  const auto until = opts.duration_s ? start + std::chrono::milliseconds(static_cast<long long>(*opts.duration_s * 1000))
                                     : std::chrono::steady_clock::time_point::max();
  (*cap)->start();
  capture::FrameSequence seq;
  std::vector<capture::CapturedFrame> batch;
  if (!opts.quiet) printer->begin();
  bool done = false;
  while (!done) {
    batch.clear();
    (*cap)->wait_take(batch, std::chrono::milliseconds(100));
    for (const capture::CapturedFrame& f : batch) {
      seq.feed(f.view());
      if (writer) writer->write_packet(iface, f.view());
      if (!opts.quiet) printer->print(seq.context());
      if (opts.count && seq.count() >= *opts.count) {
        done = true;
        break;
      }
    }
    std::fflush(stdout);
    if (g_interrupted || std::chrono::steady_clock::now() >= until || !(*cap)->thread_error().empty()) done = true;
  }
  (*cap)->stop();
  if (!opts.quiet) printer->end();
  std::fflush(stdout);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  int status = 0;
  if (const std::string err = (*cap)->thread_error(); !err.empty()) {
    std::fprintf(stderr, "wirelab-cli: %s\n", err.c_str());
    status = 1;
  }
  if (writer)
    if (auto err = writer->close()) {
      std::fprintf(stderr, "wirelab-cli: %s\n", err->message.c_str());
      status = 1;
    }
  auto stats = (*cap)->stats();
  // Frames taken after -c was reached were captured but not shown.
  std::fprintf(stderr, "%llu packets shown; %s\n", static_cast<unsigned long long>(seq.count()),
               stats.describe().c_str());
  return status;
}

}  // namespace wirelab::cli
