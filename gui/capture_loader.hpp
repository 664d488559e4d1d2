// Reads a capture file off the GUI thread: PacketStream (reader -> dissector -> trackers, the
// loop the CLI uses) feeds a PacketBatchBuilder; batches reach the GUI thread through a queued
// call, the first one after a few hundred packets so rows show at once, then about ten a second.
//
// The loaded file (its memory mapping, which the records point into, and the trackers' final
// state) is handed over as a LoadedCapture when the thread ends.
#pragma once
#include <QObject>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "capture/packet_stream.hpp"
#include "decode/socket_event.hpp"
#include "gui/packet_store.hpp"

namespace wirelab::gui {

// The file after loading: keeps the mapping alive and holds what the trackers learned.
struct LoadedCapture {
  std::string path;
  std::optional<capture::PacketStream> stream;  // owns the mapping and the trackers
  std::vector<decode::SocketEvent> events;      // socket-event journal records, if any
  std::optional<capture::ReadError> error;      // damage that stopped reading
  std::uint64_t packets = 0;
};

class CaptureLoader : public QObject {
  Q_OBJECT
 public:
  explicit CaptureLoader(QObject* parent = nullptr);
  ~CaptureLoader() override;

  // Starts reading `path`. Returns false (and error() says why) if the file can't be opened
  // at all; damage further in is reported by finished().
  bool start(const std::string& path);
  void cancel();
  const std::optional<capture::ReadError>& open_error() const { return open_error_; }
  bool running() const { return thread_.joinable() && !done_.load(); }

 signals:
  void batchReady(std::shared_ptr<PacketBatch> batch);
  void progress(double fraction, quint64 packets);
  void finished(std::shared_ptr<LoadedCapture> capture);

 private:
  void run(std::stop_token stop, std::shared_ptr<LoadedCapture> capture);
  void post(PacketBatch&& batch, double fraction, std::uint64_t packets);
  void deliver();

  std::jthread thread_;
  std::atomic<bool> done_{false};
  std::optional<capture::ReadError> open_error_;

  std::mutex mutex_;  // guards the fields below, shared with the reading thread
  std::deque<PacketBatch> pending_;
  double fraction_ = 0;
  std::uint64_t packets_ = 0;
  std::shared_ptr<LoadedCapture> result_;
  bool delivery_queued_ = false;
};

}  // namespace wirelab::gui
