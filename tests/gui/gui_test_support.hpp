// Shared helpers for the GUI tests: loading a corpus capture into a model the way the main
// window does, and reading tshark's oracle for it.
#pragma once
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "corpus_support.hpp"
#include "gui/capture_loader.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"

namespace wirelab::test {

inline std::string corpus_pcap(const std::string& name) { return (corpus_dir() / "pcaps" / name).string(); }

// A quiet main window with `path` opened, as a user would see it once loading has finished.
inline std::unique_ptr<gui::MainWindow> open_in_window(const std::string& path) {
  auto w = std::make_unique<gui::MainWindow>();
  w->setQuiet(true);
  QSignalSpy loaded(w.get(), &gui::MainWindow::captureLoaded);
  EXPECT_TRUE(w->openFile(QString::fromStdString(path)));
  EXPECT_TRUE(loaded.wait(30000));
  return w;
}

// Loads `path` through CaptureLoader into `model`, waiting for the end; returns the result.
inline std::shared_ptr<gui::LoadedCapture> load_into(gui::PacketListModel& model, const std::string& path) {
  gui::CaptureLoader loader;
  QObject::connect(&loader, &gui::CaptureLoader::batchReady, &model, &gui::PacketListModel::appendBatch);
  std::shared_ptr<gui::LoadedCapture> result;
  QObject::connect(&loader, &gui::CaptureLoader::finished, &model,
                   [&](std::shared_ptr<gui::LoadedCapture> c) { result = std::move(c); });
  QSignalSpy done(&loader, &gui::CaptureLoader::finished);
  if (!loader.start(path)) return nullptr;
  if (done.count() == 0) done.wait(60000);
  model.flush();
  return result;
}

// tshark's oracle rows for a capture, as maps from field name to value.
inline std::vector<std::map<std::string, std::string>> oracle_rows(const std::string& capture) {
  const auto rows = read_tsv(corpus_dir() / "oracle" / (capture + ".tsv"));
  std::vector<std::map<std::string, std::string>> out;
  if (rows.empty()) return out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::map<std::string, std::string> m;
    for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) m[rows[0][c]] = rows[r][c];
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace wirelab::test
