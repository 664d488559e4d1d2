#include "gui/save_capture.hpp"

#include <map>

#include "capture/pcapng_writer.hpp"
#include "gui/packet_store.hpp"

namespace wirelab::gui {

std::optional<Error> save_pcapng(const PacketStore& store, const std::vector<decode::SocketEvent>& events,
                                 const std::string& path) {
  auto writer = capture::PcapngWriter::create(path);
  if (!writer) return writer.error();
  std::map<std::uint16_t, std::uint32_t> interface_of;  // one interface per link type seen
  for (std::size_t i = 0; i < store.size(); ++i) {
    const decode::RawFrame frame = store.frame(i);
    const auto link = static_cast<std::uint16_t>(frame.link_type);
    auto it = interface_of.find(link);
    if (it == interface_of.end())
      it = interface_of.emplace(link, (*writer)->add_interface(frame.link_type, 262144, "wirelab")).first;
    (*writer)->write_packet(it->second, frame);
  }
  for (const decode::SocketEvent& e : events) (*writer)->write_event(e);
  return (*writer)->close();
}

}  // namespace wirelab::gui
