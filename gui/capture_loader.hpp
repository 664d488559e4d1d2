// Reads a capture file off the GUI thread: PacketStream (reader -> dissector -> trackers, the
// loop the CLI uses) feeds a PacketBatchBuilder; the first batch goes out after a few hundred
// packets so rows show at once, later ones about ten times a second.
#pragma once
#include <optional>
#include <string>

#include "gui/packet_source.hpp"

namespace wirelab::gui {

class CaptureLoader : public PacketSource {
  Q_OBJECT
 public:
  explicit CaptureLoader(QObject* parent = nullptr) : PacketSource(parent) {}

  // Starts reading `path`. Returns false (and open_error() says why) if the file can't be
  // opened at all; damage further in is reported by finished().
  bool start(const std::string& path);
  const std::optional<capture::ReadError>& open_error() const { return open_error_; }

 private:
  std::optional<capture::ReadError> open_error_;
};

}  // namespace wirelab::gui
