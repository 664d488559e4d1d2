#include "gui/lab_scenario_loader.hpp"

#include "capture/frame_sequence.hpp"
#include "gui/lab_menu.hpp"
#include "servers/lab_scenario.hpp"

namespace wirelab::gui {

namespace {
// What a finished lab run keeps alive: the frames (the records point into their bytes) and the
// dissector/trackers that decoded them.
struct LabRun {
  servers::LabRunReport report;
  capture::FrameSequence sequence;
};
}  // namespace

void LabScenarioLoader::start(const std::string& scenario, const servers::ScenarioOptions& options) {
  launch([this, scenario, options](std::stop_token stop) {
    auto capture = std::make_shared<LoadedCapture>();
    capture->origin = LoadedCapture::Origin::Scenario;
    capture->title = scenario + " on the lab";
    auto result = servers::run_lab_scenario(scenario, options);
    if (stop.stop_requested()) return;
    if (!result) {
      const QString error = QString::fromStdString(result.error().message);
      capture->note = (error + QStringLiteral("\n\nWhat to do: ") + LabMenu::whatToDo(error)).toStdString();
      finish(capture);
      return;
    }
    auto run = std::make_shared<LabRun>();
    run->report = std::move(*result);
    const servers::RunReport& report = run->report.run;
    run->sequence.trackers().record_sequences(true);
    capture->sequences_recorded = true;
    capture->source = run;
    capture->trackers = &run->sequence.trackers();
    capture->events = report.events;
    capture->findings = report.findings;
    capture->model = report.model;
    capture->note = run->report.lab_note + " · " + report.stats.describe();
    if (report.scenario_error) capture->note = report.scenario_error->message + " · " + capture->note;
    capture->interfaces = run->report.interfaces;
    PacketBatchBuilder builder;
    for (const capture::CapturedFrame& f : report.packets) {
      capture->interface_ids.push_back(f.interface_id);
      run->sequence.feed(f.view());
      builder.add(run->sequence.context().packet, *run->sequence.context().annotations);
    }
    run->sequence.trackers().finish();
    capture->packets = report.packets.size();
    PacketBatch batch = builder.take();
    batch.owner = capture;
    post(std::move(batch), 1.0, capture->packets);
    finish(capture);
  });
}

}  // namespace wirelab::gui
