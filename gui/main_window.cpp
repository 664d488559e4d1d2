#include "gui/main_window.hpp"

#include <QLabel>

namespace wirelab::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("wirelab");
  setCentralWidget(new QLabel("wirelab", this));
}

}  // namespace wirelab::gui
