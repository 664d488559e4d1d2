#include "gui/main_window.hpp"

#include <QApplication>
#include <QItemSelection>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "gui/bytes_pane.hpp"
#include "decode/track/arp_tracker.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "gui/conversation_model.hpp"
#include "gui/timeline_source.hpp"
#include "gui/filter_bar.hpp"
#include "gui/lab_menu.hpp"
#include "gui/lab_scenario_loader.hpp"
#include "gui/lab_topology_view.hpp"
#include "gui/packet_detail_tree.hpp"
#include "gui/live_loader.hpp"
#include "gui/packet_list_model.hpp"
#include "gui/save_capture.hpp"
#include "gui/scenario_launcher.hpp"
#include "gui/scenario_loader.hpp"
#include "gui/server_model_panel.hpp"
#include "gui/timeline_panel.hpp"

namespace wirelab::gui {

namespace {
constexpr int kMaxRecent = 10;
const char* const kRecentKey = "recentFiles";
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      loader_(new CaptureLoader(this)),
      scenario_loader_(new ScenarioLoader(this)),
      live_loader_(new LiveLoader(this)),
      lab_loader_(new LabScenarioLoader(this)) {
  setWindowTitle(tr("wirelab"));
  setAcceptDrops(true);
  buildPanes();
  buildMenus();
  connectSource(loader_);
  connectSource(scenario_loader_);
  connectSource(live_loader_);
  connectSource(lab_loader_);
  connect(scenario_loader_, &ScenarioLoader::runProgress, this, &MainWindow::onRunProgress);
  connect(model_, &PacketListModel::rowsFlushed, this, [this] {
    updateStatus();
    if (!list_->currentIndex().isValid() && model_->rowCount() > 0) list_->selectRow(0);
  });
  resize(1280, 860);
}

MainWindow::~MainWindow() {
  loader_->cancel();
  scenario_loader_->cancel();
  live_loader_->cancel();
  lab_loader_->cancel();
}

void MainWindow::connectSource(PacketSource* source) {
  connect(source, &PacketSource::batchReady, model_, &PacketListModel::appendBatch);
  connect(source, &PacketSource::progress, this, &MainWindow::onProgress);
  connect(source, &PacketSource::finished, this, &MainWindow::onFinished);
}

void MainWindow::buildPanes() {
  model_ = new PacketListModel(this);
  list_ = new QTableView;
  list_->setModel(model_);
  list_->setSelectionBehavior(QAbstractItemView::SelectRows);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setShowGrid(false);
  list_->setWordWrap(false);
  list_->setAlternatingRowColors(false);
  list_->verticalHeader()->hide();
  // Fixed row heights: the view never asks a million rows for their size.
  const int row_h = list_->fontMetrics().height() + 4;
  list_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  list_->verticalHeader()->setDefaultSectionSize(row_h);
  list_->horizontalHeader()->setStretchLastSection(true);
  list_->horizontalHeader()->setHighlightSections(false);
  list_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  const int cw = list_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
  const int widths[] = {8, 12, 18, 18, 9, 7};
  for (int c = 0; c < 6; ++c) list_->setColumnWidth(c, widths[c] * cw + 12);
  connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { showCurrentPacket(); });

  tree_ = new PacketDetailTree;
  bytes_ = new BytesPane;
  connect(tree_, &PacketDetailTree::rangeSelected, bytes_, &BytesPane::highlight);
  connect(bytes_, &BytesPane::byteClicked, tree_, &PacketDetailTree::selectByte);

  filter_bar_ = new FilterBar;
  connect(filter_bar_, &FilterBar::filterApplied, this, [this](std::shared_ptr<decode::filter::Filter> f) {
    display_filter_ = f->empty() ? nullptr : std::move(f);
    display_passes_.reset();
    applyRowFilter();
  });
  auto* list_box = new QWidget;
  auto* list_layout = new QVBoxLayout(list_box);
  list_layout->setContentsMargins(0, 0, 0, 0);
  list_layout->setSpacing(0);
  list_layout->addWidget(filter_bar_);
  list_layout->addWidget(list_);

  splitter_ = new QSplitter(Qt::Vertical);
  splitter_->addWidget(list_box);
  splitter_->addWidget(tree_);
  splitter_->addWidget(bytes_);
  splitter_->setStretchFactor(0, 5);
  splitter_->setStretchFactor(1, 3);
  splitter_->setStretchFactor(2, 2);
  setCentralWidget(splitter_);

  file_label_ = new QLabel(tr("No file"));
  count_label_ = new QLabel;
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->setMaximumWidth(220);
  progress_->setTextVisible(true);
  progress_->hide();
  timeline_ = new TimelinePanel;
  timeline_dock_ = new QDockWidget(tr("Timeline"), this);
  timeline_dock_->setObjectName("timeline");
  timeline_dock_->setWidget(timeline_);
  addDockWidget(Qt::RightDockWidgetArea, timeline_dock_);
  timeline_dock_->hide();
  connect(timeline_, &TimelinePanel::frameClicked, this, [this](std::uint64_t frame) {
    if (frame > 0) selectPacket(frame - 1);
  });

  launcher_ = new ScenarioLauncher;
  launcher_dock_ = new QDockWidget(tr("Scenarios"), this);
  launcher_dock_->setObjectName("scenarios");
  launcher_dock_->setWidget(launcher_);
  addDockWidget(Qt::LeftDockWidgetArea, launcher_dock_);
  launcher_dock_->hide();
  connect(launcher_, &ScenarioLauncher::runRequested, this,
          [this](const QString& name, const servers::ScenarioOptions& o) { runScenario(name, o); });
  connect(launcher_, &ScenarioLauncher::stopRequested, this, &MainWindow::stopLiveCapture);

  server_model_ = new ServerModelPanel;
  server_model_dock_ = new QDockWidget(tr("Server model"), this);
  server_model_dock_->setObjectName("server_model");
  server_model_dock_->setWidget(server_model_);
  addDockWidget(Qt::RightDockWidgetArea, server_model_dock_);
  tabifyDockWidget(timeline_dock_, server_model_dock_);
  server_model_dock_->hide();

  conv_model_ = new ConversationModel(this);
  conv_view_ = new QTableView;
  conv_view_->setModel(conv_model_);
  conv_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  conv_view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  conv_view_->verticalHeader()->hide();
  conv_view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  conv_view_->verticalHeader()->setDefaultSectionSize(row_h);
  conv_view_->horizontalHeader()->setStretchLastSection(true);
  conv_view_->setShowGrid(false);
  conv_view_->setToolTip(tr("Select conversations to show only their packets and draw their timeline"));
  auto* conv_box = new QWidget;
  auto* conv_layout = new QVBoxLayout(conv_box);
  conv_layout->setContentsMargins(0, 0, 0, 0);
  auto* conv_bar = new QToolBar;
  conv_bar->addAction(tr("Show all packets"), this, [this] { conv_view_->clearSelection(); });
  conv_layout->addWidget(conv_bar);
  conv_layout->addWidget(conv_view_);
  conv_dock_ = new QDockWidget(tr("Conversations"), this);
  conv_dock_->setObjectName("conversations");
  conv_dock_->setWidget(conv_box);
  addDockWidget(Qt::BottomDockWidgetArea, conv_dock_);
  connect(conv_view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { onConversationSelection(); });
  timeline_->view()->renderer().setFrameFacts([this](std::uint64_t frame) { return frameFacts(frame); });

  statusBar()->addWidget(file_label_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(count_label_);
  buildLab();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open capture"), QFileInfo(path_).absolutePath(),
                                                      tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
  });
  open->setShortcut(QKeySequence::Open);
  recent_menu_ = file->addMenu(tr("Open &Recent"));
  rebuildRecentMenu();
  QAction* save = file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save As…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save capture"), QStringLiteral("capture.pcapng"),
                                                      tr("pcapng (*.pcapng)"));
    if (!path.isEmpty()) saveAs(path);
  });
  save->setShortcut(QKeySequence::SaveAs);
  file->addSeparator();
  QAction* run = file->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run &Scenario…"), this, [this] {
    launcher_dock_->show();
    launcher_dock_->raise();
  });
  QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* cap = menuBar()->addMenu(tr("&Capture"));
  QAction* live = cap->addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("&Start live capture…"), this, [this] {
    bool ok = false;
    const QString iface = QInputDialog::getText(this, tr("Live capture"), tr("Interface:"), QLineEdit::Normal,
                                                QStringLiteral("lo"), &ok);
    if (!ok || iface.isEmpty()) return;
    const QString bpf = QInputDialog::getText(this, tr("Live capture"), tr("Capture filter (BPF, empty for all):"),
                                              QLineEdit::Normal, QString(), &ok);
    if (ok) startLiveCapture(iface, bpf);
  });
  stop_live_ = cap->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this, [this] { stopLiveCapture(); });
  stop_live_->setEnabled(false);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(conv_dock_->toggleViewAction());
  view->addAction(timeline_dock_->toggleViewAction());
  view->addAction(server_model_dock_->toggleViewAction());
  view->addAction(launcher_dock_->toggleViewAction());
  view->addAction(lab_dock_->toggleViewAction());
  menuBar()->addMenu(lab_menu_);

  QToolBar* tools = addToolBar(tr("Main"));
  tools->setMovable(false);
  tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  tools->addAction(open);
  tools->addAction(save);
  tools->addAction(run);
  tools->addSeparator();
  tools->addAction(live);
  tools->addAction(stop_live_);
}

void MainWindow::startLoading(const QString& title) {
  loader_->cancel();
  scenario_loader_->cancel();
  live_loader_->cancel();
  lab_loader_->cancel();
  stop_live_->setEnabled(false);
  conv_model_->setCapture(nullptr);
  model_->clear();
  conv_tcp_.clear();
  conv_udp_.clear();
  conv_frames_.clear();
  display_passes_.reset();
  applyRowFilter();  // a display filter stays on for the next capture
  tree_->clearPacket();
  bytes_->clearPacket();
  capture_.reset();
  timeline_->setDiagrams({}, tr("Select a conversation to draw its timeline."));
  setWindowTitle(tr("%1 — wirelab").arg(title));
  file_label_->setText(title);
  progress_->setValue(0);
  progress_->show();
}

void MainWindow::runScenario(const QString& scenario, const servers::ScenarioOptions& options) {
  path_.clear();
  startLoading(tr("%1 over %2 (running)").arg(scenario, QString::fromStdString(options.model)));
  progress_->setRange(0, 0);  // busy until the run ends; its packets show as they are captured
  progress_->setFormat(tr("Running %1").arg(scenario));
  launcher_->select(scenario, QString::fromStdString(options.model));
  launcher_->setRunning(true);
  scenario_loader_->start(scenario.toStdString(), options);
  stop_live_->setEnabled(true);
}

bool MainWindow::startLiveCapture(const QString& interface, const QString& filter) {
  path_.clear();
  startLoading(tr("live: %1").arg(interface));
  progress_->setRange(0, 0);
  if (!live_loader_->start(interface.toStdString(), filter.toStdString())) {
    progress_->hide();
    showError(tr("Can't capture"), QString::fromStdString(live_loader_->error()));
    return false;
  }
  stop_live_->setEnabled(true);
  return true;
}

void MainWindow::stopLiveCapture() {
  stop_live_->setEnabled(false);
  live_loader_->stop();
  scenario_loader_->stop();
}

bool MainWindow::saveAs(const QString& path) {
  const std::vector<decode::SocketEvent> none;
  const std::string file = path.toStdString();
  // A scenario run saves exactly as `wirelab-cli run -w` writes it; anything else, the store.
  const auto error = capture_ && capture_->save
                         ? capture_->save(file)
                         : save_pcapng(model_->store(), capture_ ? capture_->events : none, file);
  if (error) {
    showError(tr("Can't save"), tr("%1\n\n%2").arg(path, QString::fromStdString(error->message)));
    return false;
  }
  statusBar()->showMessage(tr("Saved %1 packets to %2").arg(model_->store().size()).arg(path), 5000);
  return true;
}

bool MainWindow::openFile(const QString& path) {
  startLoading(QFileInfo(path).fileName());
  path_ = path;
  if (!loader_->start(path.toStdString())) {
    file_label_->setText(tr("No file"));
    showError(tr("Can't open the capture"),
              tr("%1\n\n%2").arg(path, QString::fromStdString(loader_->open_error()->message())));
    return false;
  }
  rememberRecent(path);
  updateStatus();
  return true;
}

void MainWindow::onProgress(double fraction, quint64 packets) {
  if (scenario_loader_->running()) {
    progress_->setFormat(tr("Running: %1 packets").arg(packets));
    return;
  }
  if (live_loader_->running()) {
    progress_->setFormat(tr("Capturing: %1 packets").arg(packets));
    return;
  }
  progress_->setRange(0, 1000);
  progress_->setValue(static_cast<int>(fraction * 1000));
  progress_->setFormat(tr("Indexing %1 packets").arg(packets));
}

void MainWindow::onFinished(std::shared_ptr<LoadedCapture> capture) {
  if (capture->replaces_rows) {  // a run whose final time order differs from arrival order
    model_->clear();
    model_->appendBatch(capture->replaces_rows);
    model_->flush();
    display_passes_.reset();
    applyRowFilter();
  }
  model_->flush();
  capture_ = std::move(capture);
  conv_model_->setCapture(capture_);
  limitConversationsToFilter();
  conv_view_->resizeColumnsToContents();
  progress_->hide();
  progress_->setRange(0, 1000);
  updateStatus();
  stop_live_->setEnabled(false);
  if (capture_->origin == LoadedCapture::Origin::Live) {
    file_label_->setText(QString::fromStdString(capture_->title) + QStringLiteral(" · ") + QString::fromStdString(capture_->note));
  } else if (capture_->origin == LoadedCapture::Origin::Scenario) {
    setWindowTitle(tr("%1 — wirelab").arg(QString::fromStdString(capture_->title)));
    file_label_->setText(QString::fromStdString(capture_->title) + QStringLiteral(" · ") + QString::fromStdString(capture_->note));
    QStringList findings;
    for (const std::string& f : capture_->findings) findings << QString::fromStdString(f);
    launcher_->setRunning(false);
    launcher_->showOutcome(findings, QString::fromStdString(capture_->note));
    showRunViews();
    server_model_dock_->show();
    if (!capture_->source) showError(tr("The scenario did not run"), QString::fromStdString(capture_->note));
  }
  if (capture_->error) {
    showError(tr("The capture is damaged"),
              tr("%1\n\n%2\n\nThe %3 packets read before the damage are shown.")
                  .arg(QString::fromStdString(capture_->path), QString::fromStdString(capture_->error->message()))
                  .arg(capture_->packets));
  }
  emit captureLoaded();
}

void MainWindow::onRunProgress(std::shared_ptr<LoadedCapture> snapshot) {
  capture_ = std::move(snapshot);
  const int rows = conv_model_->rowCount();
  conv_model_->setCapture(capture_);  // rows are added and refreshed in place: the selection stays
  limitConversationsToFilter();
  if (conv_model_->rowCount() != rows) conv_view_->resizeColumnsToContents();
  showRunViews();
}

void MainWindow::showRunViews() {
  std::vector<std::int64_t> streams = capture_->running ? conv_tcp_ : std::vector<std::int64_t>{};
  if (streams.empty() && capture_->trackers)
    for (const decode::TcpConnection& c : capture_->trackers->tcp().connections()) streams.push_back(c.stream());
  auto diagrams = tcp_diagrams(*capture_, streams);
  server_model_->setRun(QString::fromStdString(capture_->model), capture_->events, diagrams);
  const QString title = QString::fromStdString(capture_->title);
  if (!capture_->running) {
    if (!diagrams.empty()) showTimeline(std::move(diagrams), tr("%1: every connection").arg(title));
    return;
  }
  // While it runs: redraw in place (same scroll position), show the dock once there is something.
  server_model_->setTime(server_model_->view()->lastTime());
  const int scroll = timeline_->view()->verticalScrollBar()->value();
  const bool first = timeline_->view()->renderer().diagrams().empty();
  timeline_->setDiagrams(std::move(diagrams), tr("%1: running, %2 packets so far").arg(title).arg(capture_->packets));
  timeline_->view()->verticalScrollBar()->setValue(scroll);
  if (const QModelIndex cur = list_->currentIndex(); cur.isValid())
    timeline_->view()->selectFrame(model_->packetIndex(cur.row()) + 1);
  if (first && !timeline_->view()->renderer().diagrams().empty()) showDock(QStringLiteral("timeline"));
}

void MainWindow::updateStatus() {
  const PacketStore& store = model_->store();
  std::size_t problems = 0;
  const bool busy = loader_->running() || scenario_loader_->running() || live_loader_->running();
  if (!busy) {
    for (std::size_t i = 0; i < store.size(); ++i)
      if (store.record(i).marks & (row_mark::kProblem | row_mark::kRst | row_mark::kAnalysis)) ++problems;
  }
  QString text = tr("Packets: %1").arg(store.size());
  if (model_->filtered()) text += tr(" · Displayed: %1").arg(model_->rowCount());
  if (!busy && store.size() > 0) text += tr(" · Problems: %1").arg(problems);
  count_label_->setText(text);
}

void MainWindow::selectPacket(std::size_t index) {
  const int row = model_->rowOfPacket(index);
  if (row < 0) return;
  list_->setCurrentIndex(model_->index(row, 0));
  list_->scrollTo(model_->index(row, 0), QAbstractItemView::PositionAtCenter);
}

void MainWindow::showCurrentPacket() {
  const QModelIndex cur = list_->currentIndex();
  if (!cur.isValid()) {
    tree_->clearPacket();
    bytes_->clearPacket();
    lab_view_->showPacket(nullptr);
    return;
  }
  MaterializedPacket m;
  const std::size_t index = model_->packetIndex(cur.row());
  model_->store().materialize(index, m);
  timeline_->view()->selectFrame(index + 1);
  tree_->showPacket(m);
  bytes_->showPacket(m.packet);
  lab_view_->showPacket(&m.packet, capturedOn(index));
}

void MainWindow::showTimeline(std::vector<decode::SequenceDiagram> diagrams, const QString& caption) {
  timeline_->setDiagrams(std::move(diagrams), caption);
  if (const QModelIndex cur = list_->currentIndex(); cur.isValid())
    timeline_->view()->selectFrame(model_->packetIndex(cur.row()) + 1);
  timeline_dock_->show();
  timeline_dock_->raise();
}

void MainWindow::applyRowFilter() {
  if (!display_filter_ && conv_tcp_.empty() && conv_udp_.empty() && conv_frames_.empty()) {
    model_->clearRowFilter();
    limitConversationsToFilter();
    updateStatus();
    return;
  }
  QApplication::setOverrideCursor(Qt::WaitCursor);
  auto scratch = std::make_shared<MaterializedPacket>();
  if (display_filter_ && !display_passes_) display_passes_ = std::make_shared<std::vector<char>>();
  model_->setRowFilter([display = display_filter_, passes = display_passes_, tcp = conv_tcp_, udp = conv_udp_,
                        frames = conv_frames_, scratch](const PacketStore& store, std::size_t i) {
    if (display) {  // asked first, for every packet: the conversations dock needs every verdict
      if (passes->size() < store.size()) passes->resize(store.size(), 2);
      char& verdict = (*passes)[i];
      if (verdict == 2) {
        store.materialize(i, *scratch);
        verdict = display->matches(scratch->context()) ? 1 : 0;
      }
      if (verdict == 0) return false;
    }
    if (!tcp.empty() || !udp.empty() || !frames.empty()) {
      const decode::PacketAnnotations* n = store.notes(i);
      const auto has = [](const std::vector<std::int64_t>& v, std::int64_t x) {
        return x >= 0 && std::find(v.begin(), v.end(), x) != v.end();
      };
      const bool in_stream = n && (has(tcp, n->tcp.stream) || has(udp, n->udp_stream));
      if (!in_stream && !std::binary_search(frames.begin(), frames.end(), std::uint64_t{i + 1})) return false;
    }
    return true;
  });
  QApplication::restoreOverrideCursor();
  limitConversationsToFilter();
  updateStatus();
  if (model_->rowCount() > 0 && !list_->currentIndex().isValid()) list_->selectRow(0);
}

void MainWindow::limitConversationsToFilter() {
  const int rows = conv_model_->rowCount();
  std::vector<bool> keep;
  if (display_filter_ && display_passes_) keep = conv_model_->rowsWithPassingPackets(model_->store(), *display_passes_);
  for (int r = 0; r < rows; ++r) {
    const bool hide = !keep.empty() && !keep[static_cast<std::size_t>(r)];
    if (conv_view_->isRowHidden(r) != hide) conv_view_->setRowHidden(r, hide);
  }
}

void MainWindow::selectConversations(const std::vector<int>& rows) {
  QItemSelection selection;
  for (const int r : rows) selection.select(conv_model_->index(r, 0), conv_model_->index(r, ConversationModel::kColumnCount - 1));
  conv_view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void MainWindow::onConversationSelection() {
  std::vector<std::int64_t> tcp, udp, tftp, icmp, arp;
  for (const QModelIndex& i : conv_view_->selectionModel()->selectedRows()) {
    const ConversationModel::Row& r = conv_model_->row(i.row());
    switch (r.kind) {
      case ConversationModel::Kind::Tcp: tcp.push_back(r.stream); break;
      case ConversationModel::Kind::Udp: udp.push_back(r.stream); break;
      case ConversationModel::Kind::Tftp: tftp.push_back(r.stream); break;
      case ConversationModel::Kind::Icmp: icmp.push_back(r.stream); break;
      case ConversationModel::Kind::Arp: arp.push_back(r.stream); break;
    }
  }
  // TFTP transfers (request port and transfer port), echo sessions and ARP exchanges (request
  // and reply) filter the list by their frames. ARP exchanges have no timeline.
  conv_frames_.clear();
  if (capture_ && capture_->trackers) {
    const auto& exchanges = capture_->trackers->arp().exchanges();
    for (const std::int64_t i : arp) {
      if (i < 0 || static_cast<std::size_t>(i) >= exchanges.size()) continue;
      const decode::ArpExchange& x = exchanges[static_cast<std::size_t>(i)];
      conv_frames_.push_back(x.request_frame);
      if (x.answered()) conv_frames_.push_back(x.reply_frame);
    }
  }
  std::vector<decode::SequenceDiagram> diagrams;
  if (capture_ && !(tcp.empty() && udp.empty() && tftp.empty() && icmp.empty())) {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    diagrams = tcp_diagrams(*capture_, tcp);
    using Kind = decode::DatagramTimeline::Kind;
    for (const auto& [kind, which] : {std::pair{Kind::Udp, &udp}, std::pair{Kind::Tftp, &tftp}, std::pair{Kind::Icmp, &icmp}}) {
      if (which->empty()) continue;
      for (auto& d : datagram_diagrams(*capture_, model_->store(), kind, *which)) {
        for (const auto& it : d.items)
          if (kind != Kind::Udp && it.kind == decode::SequenceItemKind::Packet) conv_frames_.push_back(it.frame);
        diagrams.push_back(std::move(d));
      }
    }
    QApplication::restoreOverrideCursor();
  }
  std::sort(conv_frames_.begin(), conv_frames_.end());
  conv_tcp_ = tcp;
  conv_udp_ = udp;
  applyRowFilter();
  if (!diagrams.empty()) {
    const QString caption = diagrams.size() == 1 ? QString::fromStdString(diagrams.front().title)
                                                 : tr("%1 conversations").arg(diagrams.size());
    showTimeline(std::move(diagrams), caption);
  }
}

ArrowFacts MainWindow::frameFacts(std::uint64_t frame) const {
  const PacketStore& store = model_->store();
  if (frame == 0 || frame > store.size()) return {};
  const PacketRecord& r = store.record(frame - 1);
  ArrowFacts f{.row_class = r.row_class, .marks = r.marks};
  if (const decode::PacketAnnotations* n = store.notes(frame - 1); n && n->tcp.stream >= 0) {
    f.badges = analysis_badges(n->tcp.analysis);
    // Sequence space used beyond a SYN or FIN's one: the segment carries data.
    const std::uint32_t used = n->tcp.next_seq - n->tcp.rel_seq;
    f.payload = used > (r.row_class == RowClass::TcpSynFin ? 1u : 0u) && n->tcp.next_seq != 0;
  }
  return f;
}

void MainWindow::showDock(const QString& name) {
  QDockWidget* dock = name == "timeline" ? timeline_dock_ : name == "server-model" ? server_model_dock_
                    : name == "scenarios" ? launcher_dock_ : name == "conversations" ? conv_dock_
                    : name == "lab" ? lab_dock_ : nullptr;
  if (!dock) return;
  dock->show();
  dock->raise();
  // Docks open wide enough to read: the timeline and server model take about half the window.
  if (dock == timeline_dock_) resizeDocks({dock}, {width() * 3 / 5}, Qt::Horizontal);
  else if (dock != launcher_dock_ && dock != conv_dock_) resizeDocks({dock}, {width() / 2}, Qt::Horizontal);
  resizeDocks({conv_dock_}, {height() / 6}, Qt::Vertical);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QList<QUrl> urls = event->mimeData()->urls();
  if (!urls.isEmpty() && urls.front().isLocalFile()) {
    openFile(urls.front().toLocalFile());
    event->acceptProposedAction();
  }
}

void MainWindow::rememberRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(kRecentKey).toStringList();
  const QString abs = QFileInfo(path).absoluteFilePath();
  recent.removeAll(abs);
  recent.prepend(abs);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(kRecentKey, recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recent_menu_->clear();
  const QStringList recent = QSettings().value(kRecentKey).toStringList();
  for (const QString& p : recent) recent_menu_->addAction(p, this, [this, p] { openFile(p); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

void MainWindow::showError(const QString& title, const QString& text) {
  last_error_ = text;
  if (!quiet_) QMessageBox::warning(this, title, text);
}

}  // namespace wirelab::gui
