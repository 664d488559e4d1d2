// Trackers: from packets to conversations. feed() is called once per packet in capture
// order; it annotates the packet (tcp.stream, relative sequence numbers, analysis flags, ...)
// and updates the conversations that reports and the GUI read afterwards.
#pragma once
#include <memory>

#include "decode/annotations.hpp"
#include "decode/packet.hpp"

namespace wirelab::decode {

class Trackers {
 public:
  Trackers();
  ~Trackers();
  Trackers(const Trackers&) = delete;
  Trackers& operator=(const Trackers&) = delete;
  Trackers(Trackers&&) noexcept;
  Trackers& operator=(Trackers&&) noexcept;

  void feed(const Packet& packet, PacketAnnotations& out);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace wirelab::decode
