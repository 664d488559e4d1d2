// The main window (placeholder until the GUI work lands: a title and the file's packet count).
#pragma once
#include <QMainWindow>

namespace wirelab::gui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace wirelab::gui
