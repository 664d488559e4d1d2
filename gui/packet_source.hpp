// Where packets come from, off the GUI thread: a capture file (CaptureLoader) or a scenario
// run (ScenarioLoader). A source's thread builds PacketBatches and post()s them; the GUI
// thread receives them through one queued call at a time (batchReady), then the finished
// capture (the trackers' state, the socket events, any damage) once.
#pragma once
#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "capture/capture_reader.hpp"
#include "decode/result.hpp"
#include "decode/socket_event.hpp"
#include "decode/trackers.hpp"
#include "gui/packet_store.hpp"

namespace wirelab::gui {

// A capture after loading: what the packets' bytes live in, and what the trackers learned.
struct LoadedCapture {
  enum class Origin : std::uint8_t { File, Scenario, Live } origin = Origin::File;
  std::string path;                     // the file; empty for a scenario run
  std::string title;                    // "file.pcap", "echo over epoll-lt"
  std::shared_ptr<void> source;         // owns the bytes the records point into, and the trackers
  decode::Trackers* trackers = nullptr; // inside `source`
  bool sequences_recorded = false;      // every TCP segment kept for sequence diagrams
  std::vector<decode::SocketEvent> events;  // socket-event journal (pcapng custom blocks or a run)
  std::optional<capture::ReadError> error;  // damage that stopped reading
  std::uint64_t packets = 0;
  // Scenario runs only.
  std::string model;
  std::vector<std::string> findings;
  std::string note;                     // drops, capture filter, a failed lesson: one line for the status bar
  bool running = false;                 // a snapshot of a run still going (ScenarioLoader::runProgress)
  // Rows to show instead of those delivered in batches (a live run whose final order differs
  // from the order its packets arrived in); null: the delivered rows are final.
  std::shared_ptr<PacketBatch> replaces_rows;
  // Writes the capture as its producer does (a run: exactly as `wirelab-cli run -w`); empty:
  // save the store and the events (save_pcapng).
  std::function<std::optional<Error>(const std::string& path)> save;
  // Lab runs: the capture interfaces by pcapng interface id, and each packet's id by store index.
  std::vector<std::string> interfaces;
  std::vector<std::uint32_t> interface_ids;
};

class PacketSource : public QObject {
  Q_OBJECT
 public:
  explicit PacketSource(QObject* parent = nullptr) : QObject(parent) {}
  ~PacketSource() override;

  // Stops the thread (if any) and drops what it had not delivered.
  void cancel();
  bool running() const;

 signals:
  void batchReady(std::shared_ptr<PacketBatch> batch);
  void progress(double fraction, quint64 packets);
  void finished(std::shared_ptr<LoadedCapture> capture);

 protected:
  // Starts `body` on the source's thread (cancelling any previous one).
  void launch(std::function<void(std::stop_token)> body);
  // From the source's thread: a batch (may be empty) and how far along it is.
  void post(PacketBatch&& batch, double fraction, std::uint64_t packets);
  // From the source's thread, last: the finished capture.
  void finish(std::shared_ptr<LoadedCapture> capture);

 private:
  void deliver();

  std::jthread thread_;
  mutable std::mutex mutex_;  // guards the fields below, shared with the source's thread
  std::deque<PacketBatch> pending_;
  double fraction_ = 0;
  std::uint64_t packets_ = 0;
  std::shared_ptr<LoadedCapture> result_;
  bool delivery_queued_ = false;
  bool done_ = true;
};

}  // namespace wirelab::gui
