#include "gui/load_benchmark.hpp"

#include <QApplication>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <fstream>
#include <vector>

#include "gui/filter_bar.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"

namespace wirelab::gui {

namespace {
long resident_kb() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * 4;  // pages of 4 KiB
}
}  // namespace

LoadBenchmark::LoadBenchmark(MainWindow& window, QString path, std::FILE* out)
    : QObject(&window), window_(window), path_(std::move(path)), out_(out) {}

void LoadBenchmark::start() {
  connect(window_.packetModel(), &PacketListModel::rowsFlushed, this, &LoadBenchmark::onRows);
  connect(&window_, &MainWindow::captureLoaded, this, &LoadBenchmark::onLoaded);
  rss_before_kb_ = resident_kb();
  clock_.start();
  if (!window_.openFile(path_)) QApplication::exit(1);
}

void LoadBenchmark::onRows(int rows) {
  if (first_rows_ms_ < 0 && rows > 0) {
    first_rows_ms_ = clock_.elapsed();
    std::fprintf(out_, "first rows shown:   %lld ms (%d rows)\n", static_cast<long long>(first_rows_ms_), rows);
  }
}

void LoadBenchmark::onLoaded() {
  const qint64 full = clock_.elapsed();
  const PacketStore& store = window_.packetModel()->store();
  const double n = static_cast<double>(std::max<std::size_t>(1, store.size()));
  std::fprintf(out_, "full index:         %lld ms (%zu packets)\n", static_cast<long long>(full), store.size());
  std::fprintf(out_, "store per packet:   %.1f bytes (records, annotations, kept layers)\n",
               static_cast<double>(store.memory_bytes()) / n);
  std::fprintf(out_, "resident per packet: %.1f bytes (RSS growth %ld KiB; the file mapping is counted as it is touched)\n",
               static_cast<double>(resident_kb() - rss_before_kb_) * 1024.0 / n, resident_kb() - rss_before_kb_);
  QTimer::singleShot(200, this, &LoadBenchmark::scroll);
}

// Scrolls the list by a page 300 times from top to bottom and by random jumps 100 times,
// repainting synchronously each time, as a user dragging the scroll bar would.
void LoadBenchmark::scroll() {
  QTableView* list = window_.packetList();
  QScrollBar* bar = list->verticalScrollBar();
  std::vector<double> ms;
  QElapsedTimer t;
  const int max = bar->maximum();
  std::uint32_t seed = 12345;
  for (int i = 0; i < 400; ++i) {
    int value = 0;
    if (i < 300) {
      value = std::min(max, i * bar->pageStep());
    } else {
      seed = seed * 1103515245u + 12345u;
      value = static_cast<int>(seed % static_cast<std::uint32_t>(std::max(1, max)));
    }
    t.start();
    bar->setValue(value);
    list->viewport()->repaint();
    ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
  }
  std::sort(ms.begin(), ms.end());
  std::fprintf(out_, "scroll frame time:  median %.2f ms, p95 %.2f ms, max %.2f ms (%zu repaints of %d rows)\n",
               ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.back(), ms.size(), bar->pageStep());
  // A display filter over every packet (decoded again from the mapping, then matched).
  t.start();
  window_.filterBar()->apply(QStringLiteral("tcp.flags.syn == 1"));
  std::fprintf(out_, "display filter:     %lld ms for \"tcp.flags.syn == 1\" over %zu packets (%d shown)\n",
               static_cast<long long>(t.elapsed()), window_.packetModel()->store().size(), window_.packetModel()->rowCount());
  std::fflush(out_);
  QApplication::quit();
}

}  // namespace wirelab::gui
