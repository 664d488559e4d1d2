#include "gui/headless.hpp"

#include <cstdlib>

#include "capture/packet_stream.hpp"
#include "decode/summary.hpp"

namespace wirelab::gui {

namespace {
bool set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}
}  // namespace

bool no_display_available() { return !set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("QT_QPA_PLATFORM"); }

int print_headless(const std::string& path, std::FILE* out) {
  auto stream = capture::PacketStream::open(path);
  if (!stream) {
    std::fprintf(stderr, "wirelab: %s\n", stream.error().message().c_str());
    return 1;
  }
  std::fprintf(out, "%s\n", path.c_str());
  while (stream->next()) {
    const decode::FieldContext ctx = stream->context();
    const decode::PacketSummary s = decode::summarize(ctx);
    std::fprintf(out, "%5llu %10.6f %s \u2192 %s %s %u %s\n", static_cast<unsigned long long>(ctx.packet.number),
                 static_cast<double>(ctx.packet.ts_ns - ctx.first_ts_ns) / 1e9, s.src.c_str(), s.dst.c_str(),
                 s.protocol.c_str(), ctx.packet.wire_len, s.info.c_str());
  }
  if (stream->error()) {
    std::fprintf(stderr, "wirelab: \"%s\": %s\n", path.c_str(), stream->error()->message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace wirelab::gui
