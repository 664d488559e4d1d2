// The display-filter bar: Wireshark's filter language (decode/filter), with field-name
// completion, green/red feedback while typing and the compiler's message with a caret under
// the culprit. Applying hands the compiled filter to the packet list. Like Wireshark's filter
// combo, the bar remembers the filters applied last (newest first, kept across runs in the
// application's settings) and offers them from a drop-down beside the text.
#pragma once
#include <QWidget>

#include <memory>

#include "decode/filter/filter.hpp"

class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace wirelab::gui {

class FilterBar : public QWidget {
  Q_OBJECT
 public:
  explicit FilterBar(QWidget* parent = nullptr);

  QLineEdit* edit() const { return edit_; }
  // Sets the text and applies it (as if the user pressed Enter).
  void apply(const QString& text);
  // The filters applied last, newest first (at most kMaxRecent).
  QStringList recentFilters() const;
  QMenu* recentMenu() const { return recent_menu_; }
  static constexpr int kMaxRecent = 10;  // Wireshark's gui.recent_display_filter_entries.max

 signals:
  // A filter that compiled (an empty one when the bar was cleared).
  void filterApplied(std::shared_ptr<decode::filter::Filter> filter);

 private:
  void check();
  void applyCurrent();
  void remember(const QString& text);
  void fillRecentMenu();

  QLineEdit* edit_;
  QLabel* message_;
  QToolButton* recent_button_;
  QMenu* recent_menu_;
};

}  // namespace wirelab::gui
