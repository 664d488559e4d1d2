// The main window, in Wireshark's layout: packet list on top, detail tree, bytes at the
// bottom; status bar with counts, problems and the indexing progress. Files open from the
// menu, by drag and drop, from the command line and from the recent-files list.
#pragma once
#include <QMainWindow>

#include <memory>
#include <string_view>

#include "decode/filter/filter.hpp"
#include "gui/capture_loader.hpp"
#include "gui/timeline_renderer.hpp"
#include "decode/sequence_item.hpp"
#include "decode/tcp_state.hpp"
#include "servers/scenario.hpp"

class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QTableView;

namespace wirelab::gui {

class BytesPane;
class ConversationModel;
class FilterBar;
class LabMenu;
class LabScenarioLoader;
class LabTopologyView;
class PacketDetailTree;
class PacketListModel;
class LiveLoader;
class ScenarioLauncher;
class ScenarioLoader;
class ServerModelPanel;
class TimelinePanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts loading `path`; false (after telling the user why) if it can't be opened.
  bool openFile(const QString& path);
  // Runs a scenario live on loopback and shows its packets, timeline and server model.
  void runScenario(const QString& scenario, const servers::ScenarioOptions& options);
  // Runs a lab scenario (lab brought up if needed) and shows its packets and the lab's topology.
  void runLabScenario(const QString& scenario, const servers::ScenarioOptions& options);
  // Captures live on `interface` with a BPF filter until stopLiveCapture(); false after telling why.
  bool startLiveCapture(const QString& interface, const QString& filter);
  void stopLiveCapture();  // also ends a running scenario early (the toolbar's Stop)
  // Saves what is loaded as pcapng (packets and socket events); false after telling why.
  bool saveAs(const QString& path);
  // Shows and raises a dock by name: "timeline", "server-model", "scenarios".
  void showDock(const QString& name);
  // Selects packet `index` (0-based store index) in every pane.
  void selectPacket(std::size_t index);

  PacketListModel* packetModel() const { return model_; }
  QTableView* packetList() const { return list_; }
  PacketDetailTree* detailTree() const { return tree_; }
  FilterBar* filterBar() const { return filter_bar_; }
  BytesPane* bytesPane() const { return bytes_; }
  CaptureLoader* loader() const { return loader_; }
  LiveLoader* liveLoader() const { return live_loader_; }
  TimelinePanel* timeline() const { return timeline_; }
  ScenarioLauncher* launcher() const { return launcher_; }
  ScenarioLoader* scenarioLoader() const { return scenario_loader_; }
  ServerModelPanel* serverModel() const { return server_model_; }
  ConversationModel* conversations() const { return conv_model_; }
  LabTopologyView* labTopology() const { return lab_view_; }
  LabMenu* labMenu() const { return lab_menu_; }
  LabScenarioLoader* labLoader() const { return lab_loader_; }
  QTableView* conversationView() const { return conv_view_; }
  // Shows only the packets of these conversations and draws the TCP ones' timeline.
  void selectConversations(const std::vector<int>& rows);
  // Shows `diagrams` in the timeline dock (and raises it).
  void showTimeline(std::vector<decode::SequenceDiagram> diagrams, const QString& caption);
  const std::shared_ptr<LoadedCapture>& capture() const { return capture_; }
  // Suppresses modal dialogs (tests, screenshots); errors go to lastError() only.
  void setQuiet(bool quiet) { quiet_ = quiet; }
  const QString& lastError() const { return last_error_; }

 signals:
  void captureLoaded();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void buildPanes();
  void buildLab();  // main_window_lab.cpp: the lab's dock, menu and runs
  void showLabIfLabCapture();
  // The interface packet `index` was captured on, when the capture says ("" otherwise).
  std::string_view capturedOn(std::size_t index) const;
  void showCurrentPacket();
  void startLoading(const QString& title);
  void connectSource(PacketSource* source);
  void onProgress(double fraction, quint64 packets);
  void onFinished(std::shared_ptr<LoadedCapture> capture);
  // A scenario run still going: its conversations, timeline and server model so far.
  void onRunProgress(std::shared_ptr<LoadedCapture> snapshot);
  // The timeline (every connection, or the selected ones while running) and the server model of
  // the run in capture_.
  void showRunViews();
  void updateStatus();
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void showError(const QString& title, const QString& text);
  void onConversationSelection();
  ArrowFacts frameFacts(std::uint64_t frame) const;
  // Shows the packets that pass both the display filter and the conversation selection.
  void applyRowFilter();
  // Hides the conversations none of whose packets pass the display filter.
  void limitConversationsToFilter();

  PacketListModel* model_ = nullptr;
  QTableView* list_ = nullptr;
  PacketDetailTree* tree_ = nullptr;
  BytesPane* bytes_ = nullptr;
  QSplitter* splitter_ = nullptr;
  FilterBar* filter_bar_ = nullptr;
  std::shared_ptr<decode::filter::Filter> display_filter_;
  // The display filter's verdict per packet (1 passes, 0 not, 2 not yet asked), kept while the
  // filter and the packets stay: a new conversation selection does not evaluate it again, and
  // the conversations dock reads it. Null without a display filter.
  std::shared_ptr<std::vector<char>> display_passes_;
  std::vector<std::int64_t> conv_tcp_, conv_udp_;  // selected conversations (streams)
  std::vector<std::uint64_t> conv_frames_;         // frames of selected TFTP / ICMP / ARP conversations (sorted)
  TimelinePanel* timeline_ = nullptr;
  QDockWidget* timeline_dock_ = nullptr;
  ScenarioLauncher* launcher_ = nullptr;
  QDockWidget* launcher_dock_ = nullptr;
  ServerModelPanel* server_model_ = nullptr;
  QDockWidget* server_model_dock_ = nullptr;
  ConversationModel* conv_model_ = nullptr;
  QTableView* conv_view_ = nullptr;
  QDockWidget* conv_dock_ = nullptr;
  CaptureLoader* loader_ = nullptr;
  ScenarioLoader* scenario_loader_ = nullptr;
  LiveLoader* live_loader_ = nullptr;
  LabScenarioLoader* lab_loader_ = nullptr;
  LabTopologyView* lab_view_ = nullptr;
  QDockWidget* lab_dock_ = nullptr;
  LabMenu* lab_menu_ = nullptr;
  QAction* stop_live_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* file_label_ = nullptr;
  QLabel* count_label_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  std::shared_ptr<LoadedCapture> capture_;
  QString path_;
  bool quiet_ = false;
  QString last_error_;
};

}  // namespace wirelab::gui
