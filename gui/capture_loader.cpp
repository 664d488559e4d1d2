#include "gui/capture_loader.hpp"

#include <QMetaObject>

#include <chrono>

namespace wirelab::gui {

namespace {
// The first batch is small so the first rows appear at once; later ones amortise the
// queued call and the model's insert.
constexpr std::size_t kFirstBatch = 256;
constexpr std::size_t kMaxBatch = 65536;
constexpr auto kBatchInterval = std::chrono::milliseconds(100);

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

CaptureLoader::CaptureLoader(QObject* parent) : QObject(parent) {}

CaptureLoader::~CaptureLoader() { cancel(); }

void CaptureLoader::cancel() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  const std::lock_guard lock(mutex_);
  pending_.clear();
  result_.reset();
}

bool CaptureLoader::start(const std::string& path) {
  cancel();
  open_error_.reset();
  auto stream = capture::PacketStream::open(path);
  if (!stream) {
    open_error_ = stream.error();
    return false;
  }
  auto capture = std::make_shared<LoadedCapture>();
  capture->path = path;
  capture->stream.emplace(std::move(*stream));
  done_ = false;
  thread_ = std::jthread([this, capture](std::stop_token stop) { run(stop, capture); });
  return true;
}

void CaptureLoader::run(std::stop_token stop, std::shared_ptr<LoadedCapture> capture) {
  capture::PacketStream& stream = *capture->stream;
  stream.on_custom_block([&](const capture::CustomBlock& b) { read_events(b, capture->events); });
  const Bytes file = stream.file().bytes();
  PacketBatchBuilder builder;
  std::size_t limit = kFirstBatch;
  auto last_post = std::chrono::steady_clock::now();
  std::uint64_t n = 0;
  const auto fraction_at = [&](const decode::Packet& p) {
    const auto at = static_cast<double>(p.data.data() - file.data());
    return file.empty() ? 1.0 : at / static_cast<double>(file.size());
  };
  double fraction = 0;
  const auto take = [&] {
    PacketBatch b = builder.take();
    b.owner = capture;
    return b;
  };
  while (!stop.stop_requested() && stream.next()) {
    builder.add(stream.packet(), stream.annotations());
    ++n;
    if (builder.size() >= limit || (builder.size() % 1024 == 0 && std::chrono::steady_clock::now() - last_post > kBatchInterval)) {
      fraction = fraction_at(stream.packet());
      post(take(), fraction, n);
      limit = kMaxBatch;
      last_post = std::chrono::steady_clock::now();
    }
  }
  if (stop.stop_requested()) return;
  capture->error = stream.error();
  capture->packets = n;
  post(take(), 1.0, n);
  {
    const std::lock_guard lock(mutex_);
    result_ = capture;
  }
  done_ = true;
  post(PacketBatch{}, 1.0, n);
}

void CaptureLoader::post(PacketBatch&& batch, double fraction, std::uint64_t packets) {
  const std::lock_guard lock(mutex_);
  if (!batch.empty()) pending_.push_back(std::move(batch));
  fraction_ = fraction;
  packets_ = packets;
  if (delivery_queued_) return;
  delivery_queued_ = true;
  QMetaObject::invokeMethod(this, &CaptureLoader::deliver, Qt::QueuedConnection);
}

// GUI thread: hands every waiting batch to the model, then the result when reading is over.
void CaptureLoader::deliver() {
  std::deque<PacketBatch> batches;
  std::shared_ptr<LoadedCapture> result;
  double fraction = 0;
  std::uint64_t packets = 0;
  {
    const std::lock_guard lock(mutex_);
    batches.swap(pending_);
    result.swap(result_);
    fraction = fraction_;
    packets = packets_;
    delivery_queued_ = false;
  }
  for (PacketBatch& b : batches) emit batchReady(std::make_shared<PacketBatch>(std::move(b)));
  emit progress(fraction, packets);
  if (result) {
    if (thread_.joinable()) thread_.join();
    emit finished(result);
  }
}

}  // namespace wirelab::gui
