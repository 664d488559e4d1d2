// libFuzzer target for the display-filter compiler: any text must compile or give an error
// whose caret lies inside (or just after) the text; a compiled filter must evaluate on a
// decoded packet without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "decode/dissector.hpp"
#include "decode/filter/filter.hpp"

namespace {

using namespace wirelab;

// A small Ethernet/IPv4/TCP frame with a payload, decoded once.
const decode::Packet& sample_packet() {
  static const std::vector<std::byte> bytes = [] {
    const std::uint8_t raw[] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01, 0x08, 0x00,  // eth
        0x45, 0x00, 0x00, 0x2f, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, 10, 0, 0, 1,
        192, 168, 1, 20,                                                                      // ip
        0x9c, 0x40, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0,   // tcp
        'G', 'E', 'T', ' ', '/', '\r', '\n'};
    std::vector<std::byte> b(sizeof raw);
    for (std::size_t i = 0; i < sizeof raw; ++i) b[i] = static_cast<std::byte>(raw[i]);
    return b;
  }();
  static decode::Packet packet;
  static decode::Dissector dissector;
  static const bool decoded = [] {
    const decode::RawFrame frame{.ts_ns = 1, .link_type = decode::LinkType::Ethernet,
                                 .wire_len = static_cast<std::uint32_t>(bytes.size()), .bytes = Bytes(bytes),
                                 .interface_id = 0};
    dissector.dissect(frame, 1, packet);
    return true;
  }();
  (void)decoded;
  return packet;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);  // NOLINT: bytes as text
  auto filter = decode::filter::compile(text);
  if (!filter) {
    if (filter.error().position > text.size() || filter.error().message.empty()) std::abort();
    (void)filter.error().render(text);
    return 0;
  }
  const decode::FieldContext ctx{.packet = sample_packet(), .annotations = nullptr, .first_ts_ns = 0, .prev_ts_ns = 0};
  (void)filter->matches(ctx);
  return 0;
}
