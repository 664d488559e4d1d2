#include "gui/scenario_loader.hpp"

#include "capture/frame_sequence.hpp"
#include "servers/scenario_runner.hpp"

namespace wirelab::gui {

namespace {
// What a finished run keeps alive: the frames (the records point into their bytes) and the
// dissector/trackers that decoded them.
struct ScenarioRun {
  servers::RunReport report;
  capture::FrameSequence sequence;
};
}  // namespace

void ScenarioLoader::start(const std::string& scenario, const servers::ScenarioOptions& options) {
  launch([this, scenario, options](std::stop_token stop) {
    auto capture = std::make_shared<LoadedCapture>();
    capture->origin = LoadedCapture::Origin::Scenario;
    capture->title = scenario + (options.model.empty() ? "" : " over " + options.model);
    capture->model = options.model;
    auto result = servers::run_scenario(scenario, options);
    if (stop.stop_requested()) return;
    if (!result) {
      capture->note = result.error().message;
      finish(capture);
      return;
    }
    auto run = std::make_shared<ScenarioRun>();
    run->report = std::move(*result);
    run->sequence.trackers().record_sequences(true);
    capture->sequences_recorded = true;
    capture->source = run;
    capture->trackers = &run->sequence.trackers();
    capture->events = run->report.events;
    capture->findings = run->report.findings;
    capture->model = run->report.model;
    capture->note = run->report.stats.describe();
    if (run->report.scenario_error) capture->note = run->report.scenario_error->message + " · " + capture->note;
    PacketBatchBuilder builder;
    for (const capture::CapturedFrame& f : run->report.packets) {
      run->sequence.feed(f.view());
      builder.add(run->sequence.context().packet, *run->sequence.context().annotations);
    }
    run->sequence.trackers().finish();
    capture->packets = run->report.packets.size();
    PacketBatch batch = builder.take();
    batch.owner = capture;
    post(std::move(batch), 1.0, capture->packets);
    finish(capture);
  });
}

}  // namespace wirelab::gui
