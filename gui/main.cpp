#include <QApplication>

#include "gui/main_window.hpp"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  wirelab::gui::MainWindow w;
  w.show();
  return QApplication::exec();
}
