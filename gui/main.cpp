// wirelab: the desktop app. `wirelab FILE` opens FILE; `wirelab` alone runs the default
// scenario (echo over epoll-lt) live on loopback, or opens the bundled example capture when
// it can't capture. Without a display it says so and prints the headless view instead.
//
// --select N, --expand PROTO,... and --grab OUT.png make the README's screenshots
// reproducible: open, select packet N, open those layers, save the window, quit.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>

#include "gui/filter_bar.hpp"
#include "gui/headless.hpp"
#include "gui/load_benchmark.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_detail_tree.hpp"

namespace {

QString default_capture() {
  // Installed beside the binary first, then the source tree's copy (development builds).
  const QString beside = QCoreApplication::applicationDirPath() + "/../share/wirelab/captures/echo-epoll-3clients.pcapng";
  if (QFileInfo::exists(beside)) return beside;
  return QStringLiteral(WIRELAB_RESOURCE_DIR "/captures/echo-epoll-3clients.pcapng");
}

void prepare_and_grab(wirelab::gui::MainWindow& w, const QCommandLineParser& args) {
  if (args.isSet("display-filter")) w.filterBar()->apply(args.value("display-filter"));
  if (args.isSet("conversation")) w.selectConversations({args.value("conversation").toInt()});
  const qulonglong select = args.value("select").toULongLong();
  if (select > 0) w.selectPacket(select - 1);
  const QStringList expand = args.value("expand").split(',', Qt::SkipEmptyParts);
  wirelab::gui::PacketDetailTree* tree = w.detailTree();
  for (int i = 0; i < tree->topLevelItemCount(); ++i) {
    QTreeWidgetItem* top = tree->topLevelItem(i);
    if (expand.contains(top->data(0, wirelab::gui::PacketDetailTree::kFieldRole).toString())) top->setExpanded(true);
  }
  if (args.isSet("field"))
    if (QTreeWidgetItem* f = tree->findField(args.value("field"))) {
      tree->setCurrentItem(f);
      tree->scrollToItem(f);
    }
  if (args.isSet("dock")) w.showDock(args.value("dock"));
  if (!args.isSet("grab")) return;
  QTimer::singleShot(300, &w, [&w, out = args.value("grab")] {
    if (!w.grab().save(out)) std::fprintf(stderr, "wirelab: can't write %s\n", qPrintable(out));
    QApplication::quit();
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (wirelab::gui::no_display_available()) {
    std::fprintf(stderr, "wirelab: no display (DISPLAY and WAYLAND_DISPLAY are unset): printing the headless view instead.\n");
    return wirelab::gui::run_headless(argc, argv);
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName("wirelab");
  QApplication::setApplicationName("wirelab");
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/wirelab.svg")));
  QApplication::setDesktopFileName("wirelab");
  QCommandLineParser args;
  args.setApplicationDescription("wirelab: packets, connections and their timelines");
  args.addHelpOption();
  args.addPositionalArgument("file", "pcap or pcapng capture to open");
  args.addOption({{"Y", "display-filter"}, "apply this display filter once loaded (as Wireshark's -Y)", "FILTER"});
  args.addOption({"select", "select packet N (1-based) once loaded", "N"});
  args.addOption({"expand", "open these layers in the detail tree (eth,ip,tcp,...)", "PROTOS"});
  args.addOption({"field", "select this field in the detail tree (e.g. tcp.flags)", "NAME"});
  args.addOption({"grab", "save the window as a PNG once loaded, then quit", "OUT.png"});
  args.addOption({"size", "window size", "WxH"});
  args.addOption({"bench", "measure loading and scrolling FILE, print the numbers, quit"});
  args.addOption({"scenario", "run this scenario instead of opening a file (default without FILE: echo)", "NAME"});
  args.addOption({"model", "concurrency model for --scenario (default epoll-lt)", "MODEL"});
  args.addOption({"clients", "number of clients for --scenario", "N"});
  args.addOption({"dock", "show this dock once loaded: timeline, server-model, scenarios, conversations, lab", "NAME"});
  args.addOption({"conversation", "select conversation ROW (0-based) once loaded: filters the list, draws its timeline", "ROW"});
  args.process(app);

  wirelab::gui::MainWindow w;
  if (args.isSet("size")) {
    const QStringList wh = args.value("size").split('x');
    if (wh.size() == 2) w.resize(wh[0].toInt(), wh[1].toInt());
  }
  if (args.isSet("grab")) w.setQuiet(true);
  w.show();
  const QStringList files = args.positionalArguments();
  if (args.isSet("bench") && !files.isEmpty()) {
    auto* bench = new wirelab::gui::LoadBenchmark(w, files.front(), stdout);
    bench->start();
    return QApplication::exec();
  }
  QObject::connect(&w, &wirelab::gui::MainWindow::captureLoaded, &w, [&] {
    // No capture permission (or no loopback): fall back to the bundled capture, once.
    static bool fell_back = false;
    if (!w.capture()->source && !fell_back) {
      fell_back = true;
      w.openFile(default_capture());
      return;
    }
    prepare_and_grab(w, args);
  });
  if (files.isEmpty()) {
    wirelab::servers::ScenarioOptions o;
    o.model = args.isSet("model") ? args.value("model").toStdString() : "epoll-lt";
    o.clients = args.value("clients").toInt();
    w.runScenario(args.isSet("scenario") ? args.value("scenario") : QStringLiteral("echo"), o);
  } else if (!w.openFile(files.front()) && args.isSet("grab")) {
    return 1;
  }
  return QApplication::exec();
}
