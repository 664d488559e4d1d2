#include "gui/capture_loader.hpp"

#include <chrono>
#include <filesystem>

#include "capture/capture_file.hpp"
#include "capture/packet_stream.hpp"

namespace wirelab::gui {

namespace {
// The first batch is small so the first rows appear at once; later ones amortise the
// queued call and the model's insert.
constexpr std::size_t kFirstBatch = 256;
constexpr std::size_t kMaxBatch = 65536;
constexpr auto kBatchInterval = std::chrono::milliseconds(100);
constexpr std::size_t kRecordSequencesUpTo = 64u << 20;

void read_events(const capture::CustomBlock& block, std::vector<decode::SocketEvent>& out) {
  std::size_t at = 0;
  while (at < block.data.size()) {
    decode::SocketEvent e;
    const std::size_t used = decode::decode_event(block.data.data() + at, block.data.size() - at, e);
    if (used == 0) break;
    out.push_back(std::move(e));
    at += used;
  }
}
}  // namespace

bool CaptureLoader::start(const std::string& path) {
  cancel();
  open_error_.reset();
  auto opened = capture::PacketStream::open(path);
  if (!opened) {
    open_error_ = opened.error();
    return false;
  }
  auto stream = std::make_shared<capture::PacketStream>(std::move(*opened));
  auto capture = std::make_shared<LoadedCapture>();
  capture->path = path;
  capture->title = std::filesystem::path(path).filename().string();
  capture->source = stream;
  capture->trackers = &stream->trackers();
  // Keeping every TCP segment for the sequence diagrams costs ~40 bytes a packet: do it for
  // files up to 64 MiB; bigger ones gather a stream's segments again when it is drawn.
  capture->sequences_recorded = stream->file().bytes().size() <= kRecordSequencesUpTo;
  if (capture->sequences_recorded) stream->trackers().record_sequences(true);
  launch([this, capture, stream](std::stop_token stop) {
    stream->on_custom_block([&](const capture::CustomBlock& b) { read_events(b, capture->events); });
    const Bytes file = stream->file().bytes();
    // Which interface each packet came from (the lab topology names the capture interface),
    // 4 bytes a packet: for the same files as the sequences.
    const bool keep_interfaces = capture->sequences_recorded;
    PacketBatchBuilder builder;
    std::size_t limit = kFirstBatch;
    auto last_post = std::chrono::steady_clock::now();
    std::uint64_t n = 0;
    const auto take = [&] {
      PacketBatch b = builder.take();
      b.owner = capture;
      return b;
    };
    while (!stop.stop_requested() && stream->next()) {
      builder.add(stream->packet(), stream->annotations());
      if (keep_interfaces) capture->interface_ids.push_back(stream->packet().interface_id);
      ++n;
      if (builder.size() >= limit ||
          (builder.size() % 1024 == 0 && std::chrono::steady_clock::now() - last_post > kBatchInterval)) {
        const auto at = static_cast<double>(stream->packet().data.data() - file.data());
        post(take(), file.empty() ? 1.0 : at / static_cast<double>(file.size()), n);
        limit = kMaxBatch;
        last_post = std::chrono::steady_clock::now();
      }
    }
    stream->on_custom_block(nullptr);
    if (stop.stop_requested()) return;
    stream->trackers().finish();
    capture->error = stream->error();
    capture->packets = n;
    for (const capture::Interface& i : stream->file().reader().interfaces()) capture->interfaces.push_back(i.name);
    post(take(), 1.0, n);
    finish(capture);
  });
  return true;
}

}  // namespace wirelab::gui
