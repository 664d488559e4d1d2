#include "gui/packet_source.hpp"

#include <QMetaObject>

namespace wirelab::gui {

PacketSource::~PacketSource() { cancel(); }

void PacketSource::cancel() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  const std::lock_guard lock(mutex_);
  pending_.clear();
  result_.reset();
  done_ = true;
}

bool PacketSource::running() const {
  const std::lock_guard lock(mutex_);
  return !done_;
}

void PacketSource::launch(std::function<void(std::stop_token)> body) {
  cancel();
  {
    const std::lock_guard lock(mutex_);
    done_ = false;
  }
  thread_ = std::jthread(std::move(body));
}

void PacketSource::post(PacketBatch&& batch, double fraction, std::uint64_t packets) {
  const std::lock_guard lock(mutex_);
  if (!batch.empty()) pending_.push_back(std::move(batch));
  fraction_ = fraction;
  packets_ = packets;
  if (delivery_queued_) return;
  delivery_queued_ = true;
  QMetaObject::invokeMethod(this, &PacketSource::deliver, Qt::QueuedConnection);
}

void PacketSource::finish(std::shared_ptr<LoadedCapture> capture) {
  {
    const std::lock_guard lock(mutex_);
    result_ = std::move(capture);
    done_ = true;
  }
  post(PacketBatch{}, 1.0, packets_);
}

// GUI thread: hands every waiting batch on, then the result when the source is done.
void PacketSource::deliver() {
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
