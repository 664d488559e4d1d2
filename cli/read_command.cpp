// wirelab-cli -r FILE: read, decode, track, print. Packets print as they are read, so a
// damaged file still shows everything before the damage; then the error, exit status 1.
#include <cstdio>

#include "capture/bpf_filter.hpp"
#include "capture/packet_stream.hpp"
#include "cli/commands.hpp"
#include "cli/packet_printer.hpp"
#include "cli/reports.hpp"
#include "decode/filter/filter.hpp"

namespace wirelab::cli {

int run_read(const Options& opts) {
  auto printer = PacketPrinter::create(opts, stdout);
  if (!printer) {
    std::fprintf(stderr, "wirelab-cli: %s\n", printer.error().message.c_str());
    return 2;
  }
  auto reports = Reports::parse(opts.reports, decode::parse_diagram_format(opts.diagram).value_or(decode::DiagramFormat::Text));
  if (!reports) {
    std::fprintf(stderr, "wirelab-cli: %s\n", reports.error().message.c_str());
    return 2;
  }
  auto display_filter = decode::filter::compile(opts.display_filter);
  if (!display_filter) {
    std::fprintf(stderr, "wirelab-cli: %s\n", display_filter.error().render(opts.display_filter).c_str());
    return 2;
  }
  std::optional<capture::FileBpf> capture_filter;
  if (!opts.capture_filter.empty()) {
    auto bpf = capture::FileBpf::compile(opts.capture_filter);
    if (!bpf) {
      std::fprintf(stderr, "wirelab-cli: invalid capture filter \"%s\": %s\n", opts.capture_filter.c_str(),
                   bpf.error().message.c_str());
      return 2;
    }
    capture_filter = std::move(bpf.value());
  }
  auto stream = capture::PacketStream::open(opts.read_file);
  if (!stream) {
    std::fprintf(stderr, "wirelab-cli: %s\n", stream.error().message().c_str());
    return 1;
  }
  reports->prepare(stream->trackers());
  stream->on_custom_block([&reports](const capture::CustomBlock& b) {
    // wirelab's socket-event journal: a run of encoded events (decode/socket_event.hpp).
    std::size_t off = 0;
    decode::SocketEvent e;
    while (off < b.data.size()) {
      const std::size_t n = decode::decode_event(b.data.data() + off, b.data.size() - off, e);
      if (n == 0) break;
      reports->add_socket_event(e);
      off += n;
    }
  });
  // -f on a file: frames the BPF program rejects are dropped before decoding, as in a capture.
  if (capture_filter) stream->set_frame_filter([&](const decode::RawFrame& f) { return capture_filter->matches(f); });
  if (!opts.quiet) printer->begin();
  std::uint64_t n = 0;
  while (stream->next()) {
    ++n;
    reports->observe(stream->context());
    // -Y hides packets after decoding; frame numbers keep their values, as in tshark.
    if (!opts.quiet && display_filter->matches(stream->context())) printer->print(stream->context());
    if (opts.count && n >= *opts.count) break;
  }
  if (!opts.quiet) printer->end();
  stream->trackers().finish();
  reports->print(stream->trackers(), stdout);
  std::fflush(stdout);
  if (!opts.export_tftp_dir.empty() && export_tftp(stream->trackers(), opts.export_tftp_dir, stderr) != 0) return 1;
  if (capture_filter && !capture_filter->error().empty()) {
    std::fprintf(stderr, "wirelab-cli: %s\n", capture_filter->error().c_str());
    return 2;
  }
  if (stream->error()) {
    std::fprintf(stderr, "wirelab-cli: \"%s\": %s\n", opts.read_file.c_str(), stream->error()->message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace wirelab::cli
