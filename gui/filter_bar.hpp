// The display-filter bar: Wireshark's filter language (decode/filter), with field-name
// completion, green/red feedback while typing and the compiler's message with a caret under
// the culprit. Applying hands the compiled filter to the packet list.
#pragma once
#include <QWidget>

#include <memory>

#include "decode/filter/filter.hpp"

class QLabel;
class QLineEdit;

namespace wirelab::gui {

class FilterBar : public QWidget {
  Q_OBJECT
 public:
  explicit FilterBar(QWidget* parent = nullptr);

  QLineEdit* edit() const { return edit_; }
  // Sets the text and applies it (as if the user pressed Enter).
  void apply(const QString& text);

 signals:
  // A filter that compiled (an empty one when the bar was cleared).
  void filterApplied(std::shared_ptr<decode::filter::Filter> filter);

 private:
  void check();
  void applyCurrent();

  QLineEdit* edit_;
  QLabel* message_;
};

}  // namespace wirelab::gui
