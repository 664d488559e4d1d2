// Writes pcapng: packets and wirelab's socket-event journal in one file.
//
// Layout: Section Header Block; one Interface Description Block per interface (its link type,
// snaplen, if_name, if_tsresol = 9, i.e. nanosecond timestamps); Enhanced Packet Blocks (one
// per frame, in time order); then Custom Blocks (one per socket event, in time order). Events
// carry their own timestamps, so where they sit does not change the merged timeline; they go
// after the packets because tshark/Wireshark list every custom block as a frame of its own:
// this way tshark numbers the packets 1..N exactly as wirelab does.
//
// Socket events are pcapng Custom Blocks of type 0x00000BAD ("may be copied": editing tools
// keep them) whose Private Enterprise Number is decode::kSocketEventPen (32473, the IANA PEN
// reserved for documentation and examples by RFC 5612: wirelab has no PEN of its own, and a
// block that a reader does not understand is skipped by every pcapng reader, tshark included).
// The custom data is exactly decode::encode_event(event) (little-endian record, see
// decode/socket_event.hpp), padded with zeros to 32 bits; no options. Readers take the events
// back with capture::PacketStream::on_custom_block + decode::decode_event.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capture/captured_frame.hpp"
#include "decode/packet.hpp"
#include "decode/result.hpp"
#include "decode/socket_event.hpp"

namespace wirelab::capture {

class PcapngWriter {
 public:
  // Creates (truncates) `path` and writes the section header.
  static Result<std::unique_ptr<PcapngWriter>> create(const std::string& path);
  ~PcapngWriter();
  PcapngWriter(const PcapngWriter&) = delete;
  PcapngWriter& operator=(const PcapngWriter&) = delete;

  // Adds an interface; returns its id for write_packet.
  std::uint32_t add_interface(decode::LinkType link_type, std::uint32_t snaplen, const std::string& name);
  void write_packet(std::uint32_t interface_id, const decode::RawFrame& frame);
  void write_event(const decode::SocketEvent& event);
  // Flushes and closes; the error says what failed (disk full, ...). Called by the destructor too.
  std::optional<Error> close();

 private:
  PcapngWriter(std::FILE* f, std::string path) : file_(f), path_(std::move(path)) {}
  void write_block(std::uint32_t type, const std::vector<std::byte>& body);

  std::FILE* file_;
  std::string path_;
  std::uint32_t interfaces_ = 0;
  bool failed_ = false;
  std::vector<std::byte> scratch_;
};

// Writes a whole run: one interface, its frames, then the events (see above).
std::optional<Error> write_pcapng(const std::string& path, decode::LinkType link_type, const std::string& interface,
                                  const std::vector<CapturedFrame>& frames,
                                  const std::vector<decode::SocketEvent>& events);
// The same with several interfaces (a lab run): one Interface Description Block per name, in
// order; each frame goes to the interface its interface_id names (with one name: every frame).
std::optional<Error> write_pcapng(const std::string& path, decode::LinkType link_type,
                                  const std::vector<std::string>& interfaces, const std::vector<CapturedFrame>& frames,
                                  const std::vector<decode::SocketEvent>& events);

}  // namespace wirelab::capture
