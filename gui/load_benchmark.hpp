// `wirelab --bench FILE`: the numbers the README quotes for a large capture, measured on the
// real window: time to the first rows, time to the full index, memory per packet, and the
// time to repaint the packet list while scrolling through it. Prints one report and quits.
#pragma once
#include <QElapsedTimer>
#include <QObject>

#include <cstdio>

namespace wirelab::gui {

class MainWindow;

class LoadBenchmark : public QObject {
  Q_OBJECT
 public:
  LoadBenchmark(MainWindow& window, QString path, std::FILE* out);
  void start();

 private:
  void onRows(int rows);
  void onLoaded();
  void scroll();

  MainWindow& window_;
  QString path_;
  std::FILE* out_;
  QElapsedTimer clock_;
  qint64 first_rows_ms_ = -1;
  long rss_before_kb_ = 0;
};

}  // namespace wirelab::gui
