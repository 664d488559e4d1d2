#include "gui/scenario_loader.hpp"

#include <QMetaObject>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "capture/frame_sequence.hpp"
#include "capture/pcapng_writer.hpp"
#include "gui/live_loader.hpp"
#include "gui/run_feed.hpp"
#include "servers/scenario_runner.hpp"

namespace wirelab::gui {

namespace {

using Clock = std::chrono::steady_clock;
using FrameBatches = std::vector<std::shared_ptr<const RunFeed::Frames>>;

// What a run keeps alive: the frames its rows point into (as they arrived), the report, and
// the dissector/trackers that decoded them.
struct ScenarioRun {
  FrameBatches arrived;
  std::unique_ptr<capture::FrameSequence> sequence = std::make_unique<capture::FrameSequence>();
  servers::RunReport report;
};

// A run so far, decoded again into trackers of its own that nobody feeds afterwards, so the
// GUI thread can read them while the run goes on.
struct FrozenRun {
  FrameBatches frames;
  capture::FrameSequence sequence;
};

bool by_time(const decode::SocketEvent& a, const decode::SocketEvent& b) { return a.ts_ns < b.ts_ns; }

std::shared_ptr<LoadedCapture> snapshot(const FrameBatches& arrived, std::vector<decode::SocketEvent> events,
                                        const LoadedCapture& meta) {
  auto frozen = std::make_shared<FrozenRun>();
  frozen->frames = arrived;
  frozen->sequence.trackers().record_sequences(true);
  for (const auto& batch : arrived)
    for (const capture::CapturedFrame& f : *batch) frozen->sequence.feed(f.view());
  auto c = std::make_shared<LoadedCapture>();
  c->origin = LoadedCapture::Origin::Scenario;
  c->running = true;
  c->title = meta.title;
  c->model = meta.model;
  c->sequences_recorded = true;
  c->packets = frozen->sequence.count();
  c->trackers = &frozen->sequence.trackers();
  c->source = std::move(frozen);
  std::stable_sort(events.begin(), events.end(), by_time);  // the report's order (Journal::snapshot)
  c->events = std::move(events);
  return c;
}

// True when the report's packets are the streamed ones in the same order (they are the same
// frames; the report sorts them by time, which capture order almost always already is).
bool same_order(const FrameBatches& arrived, const std::vector<capture::CapturedFrame>& final_packets) {
  std::size_t i = 0;
  for (const auto& batch : arrived)
    for (const capture::CapturedFrame& f : *batch) {
      if (i >= final_packets.size() || final_packets[i].ts_ns != f.ts_ns || final_packets[i].bytes != f.bytes)
        return false;
      ++i;
    }
  return i == final_packets.size();
}

// Snapshots cost a decode of everything so far: at most ten a second, and less often when they
// get slow, so that they never take more than a fifth of the loader's time.
class SnapshotPace {
 public:
  bool due() const {
    return Clock::now() - last_ >= std::max<Clock::duration>(std::chrono::milliseconds(100), 4 * cost_);
  }
  void took(Clock::time_point started) {
    last_ = Clock::now();
    cost_ = last_ - started;
  }

 private:
  Clock::time_point last_{};
  Clock::duration cost_{};
};

}  // namespace

void ScenarioLoader::start(const std::string& scenario, const servers::ScenarioOptions& options) {
  cancel();
  {
    const std::lock_guard lock(snapshot_mutex_);
    pending_snapshot_.reset();
  }
  run_stop_ = std::stop_source{};
  launch([this, scenario, options, stop = run_stop_](std::stop_token cancelled) mutable {
    // Cancelling the loader (a new file, closing the window) stops the run too.
    const std::stop_callback stop_run(cancelled, [&stop] { stop.request_stop(); });
    auto capture = std::make_shared<LoadedCapture>();
    capture->origin = LoadedCapture::Origin::Scenario;
    capture->title = scenario + (options.model.empty() ? "" : " over " + options.model);
    capture->model = options.model;

    RunFeed feed;
    servers::RunnerOptions runner;
    runner.sink = feed.sink();
    runner.stop = stop.get_token();
    std::optional<Result<servers::RunReport>> result;
    std::thread run_thread([&] {
      result.emplace(servers::run_scenario(scenario, options, runner));
      feed.close();
    });

    auto run = std::make_shared<ScenarioRun>();
    run->sequence->trackers().record_sequences(true);
    std::vector<decode::SocketEvent> events;  // journal order, as they came
    SnapshotPace pace;
    bool changed = false;
    for (bool closed = false; !closed;) {
      RunFeed::Arrivals got = feed.wait_take(std::chrono::milliseconds(100));
      closed = got.closed;
      if (cancelled.stop_requested()) continue;  // the run is stopping: drain until it returns
      changed |= !got.events.empty() || !got.frames->empty();
      events.insert(events.end(), got.events.begin(), got.events.end());
      if (!got.frames->empty()) {
        run->arrived.push_back(got.frames);
        post(batch_arrived_frames(*run->sequence, got.frames), 0.0, run->sequence->count());
      }
      if (changed && !closed && pace.due()) {
        const auto started = Clock::now();
        publishSnapshot(snapshot(run->arrived, events, *capture));
        pace.took(started);
        changed = false;
      }
    }
    run_thread.join();
    if (cancelled.stop_requested()) return;
    if (!*result) {
      capture->note = result->error().message;
      finish(capture);
      return;
    }

    // Reconcile: the report is the truth. Its events replace the streamed ones; its packets
    // are the streamed frames unless the time sort moved one, and then the rows are rebuilt.
    run->report = std::move(**result);
    if (!same_order(run->arrived, run->report.packets)) {
      run->sequence = std::make_unique<capture::FrameSequence>();
      run->sequence->trackers().record_sequences(true);
      const std::shared_ptr<const RunFeed::Frames> in_time_order(run, &run->report.packets);  // owned by run
      capture->replaces_rows = std::make_shared<PacketBatch>(batch_arrived_frames(*run->sequence, in_time_order));
    }
    run->sequence->trackers().finish();
    const servers::RunReport& report = run->report;
    capture->sequences_recorded = true;
    capture->trackers = &run->sequence->trackers();
    capture->events = report.events;
    capture->findings = report.findings;
    capture->model = report.model;
    capture->packets = report.packets.size();
    capture->note = report.stats.describe();
    if (report.scenario_error) capture->note = report.scenario_error->message + " · " + capture->note;
    if (report.stopped) capture->note = "stopped before the end · " + capture->note;
    capture->save = [run](const std::string& path) {
      const servers::RunReport& r = run->report;
      return capture::write_pcapng(path, r.link_type, r.interface, r.packets, r.events);
    };
    capture->source = run;
    finish(capture);
  });
}

void ScenarioLoader::publishSnapshot(std::shared_ptr<LoadedCapture> snapshot) {
  const std::lock_guard lock(snapshot_mutex_);
  pending_snapshot_ = std::move(snapshot);  // a newer one replaces one not yet shown
  if (snapshot_queued_) return;
  snapshot_queued_ = true;
  QMetaObject::invokeMethod(this, &ScenarioLoader::deliverSnapshot, Qt::QueuedConnection);
}

void ScenarioLoader::deliverSnapshot() {
  std::shared_ptr<LoadedCapture> snapshot;
  {
    const std::lock_guard lock(snapshot_mutex_);
    snapshot.swap(pending_snapshot_);
    snapshot_queued_ = false;
  }
  // A snapshot that arrives after the run finished (or was cancelled) is older than what is shown.
  if (snapshot && running()) emit runProgress(std::move(snapshot));
}

}  // namespace wirelab::gui
