// Builds pcapng files in memory for tests: sections in either byte order, interfaces with
// if_tsresol / if_tsoffset, enhanced, simple and obsolete packet blocks, custom blocks, and
// raw blocks or bytes for damage.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "capture/byte_writer.hpp"

namespace wirelab::test {

struct PcapngSection {
  bool big_endian = false;
  std::uint16_t major = 1;
  std::uint16_t minor = 0;
};
struct PcapngInterface {
  std::uint16_t link_type = 1;
  std::uint32_t snaplen = 0;
  std::optional<std::uint8_t> tsresol;   // if_tsresol byte (0x80 bit = power of 2)
  std::optional<std::int64_t> tsoffset;  // if_tsoffset seconds
  std::string name;
};

class PcapngBuilder {
 public:
  PcapngBuilder& section() { return section(PcapngSection{}); }
  PcapngBuilder& section(PcapngSection s) {
    w_.set_big_endian(s.big_endian);
    const std::size_t at = begin(0x0a0d0d0a);
    w_.u32(0x1a2b3c4d);
    w_.u16(s.major);
    w_.u16(s.minor);
    w_.u64(~std::uint64_t{0});  // section length unknown
    return end(at);
  }

  PcapngBuilder& interface(const PcapngInterface& i) {
    const std::size_t at = begin(1);
    w_.u16(i.link_type);
    w_.u16(0);
    w_.u32(i.snaplen);
    if (!i.name.empty()) option(2, [&] { w_.append(i.name); }, i.name.size());
    if (i.tsresol) option(9, [&] { w_.u8(*i.tsresol); }, 1);
    if (i.tsoffset) option(14, [&] { w_.u64(static_cast<std::uint64_t>(*i.tsoffset)); }, 8);
    if (!i.name.empty() || i.tsresol || i.tsoffset) option(0, [] {}, 0);
    return end(at);
  }

  // Enhanced Packet Block (wire_len 0 = the captured length).
  PcapngBuilder& epb(std::uint32_t iface, std::uint64_t ticks, std::span<const std::byte> data,
                     std::uint32_t wire_len = 0) {
    const std::size_t at = begin(6);
    w_.u32(iface);
    w_.u32(static_cast<std::uint32_t>(ticks >> 32));
    w_.u32(static_cast<std::uint32_t>(ticks));
    w_.u32(static_cast<std::uint32_t>(data.size()));
    w_.u32(wire_len ? wire_len : static_cast<std::uint32_t>(data.size()));
    w_.append(data);
    w_.pad4();
    return end(at);
  }

  // Obsolete Packet Block (type 2): 16-bit interface id and drop count.
  PcapngBuilder& packet_block(std::uint16_t iface, std::uint64_t ticks, std::span<const std::byte> data) {
    const std::size_t at = begin(2);
    w_.u16(iface);
    w_.u16(0);
    w_.u32(static_cast<std::uint32_t>(ticks >> 32));
    w_.u32(static_cast<std::uint32_t>(ticks));
    w_.u32(static_cast<std::uint32_t>(data.size()));
    w_.u32(static_cast<std::uint32_t>(data.size()));
    w_.append(data);
    w_.pad4();
    return end(at);
  }

  // Simple Packet Block: original length, then the data (cut to the interface's snaplen).
  PcapngBuilder& spb(std::span<const std::byte> data, std::uint32_t wire_len = 0) {
    const std::size_t at = begin(3);
    w_.u32(wire_len ? wire_len : static_cast<std::uint32_t>(data.size()));
    w_.append(data);
    w_.pad4();
    return end(at);
  }

  PcapngBuilder& custom(std::uint32_t pen, std::span<const std::byte> data, bool no_copy = false) {
    const std::size_t at = begin(no_copy ? 0x40000bad : 0x00000bad);
    w_.u32(pen);
    w_.append(data);
    w_.pad4();
    return end(at);
  }

  // Any block type with any body (padded to 4).
  PcapngBuilder& block(std::uint32_t type, std::span<const std::byte> body) {
    const std::size_t at = begin(type);
    w_.append(body);
    w_.pad4();
    return end(at);
  }

  // Raw bytes in the current byte order, for damage.
  PcapngBuilder& u32(std::uint32_t v) {
    w_.u32(v);
    return *this;
  }
  PcapngBuilder& raw(std::span<const std::byte> b) {
    w_.append(b);
    return *this;
  }

  std::size_t size() const { return w_.size(); }
  std::vector<std::byte> bytes() const { return w_.bytes(); }

 private:
  std::size_t begin(std::uint32_t type) {
    const std::size_t at = w_.size();
    w_.u32(type);
    w_.u32(0);  // length, patched by end()
    return at;
  }
  PcapngBuilder& end(std::size_t at) {
    const auto total = static_cast<std::uint32_t>(w_.size() - at + 4);
    w_.u32(total);
    w_.patch32(at + 4, total);
    return *this;
  }
  template <class Fn>
  void option(std::uint16_t code, Fn value, std::size_t len) {
    w_.u16(code);
    w_.u16(static_cast<std::uint16_t>(len));
    value();
    w_.pad4();
  }

  ByteWriter w_;
};

}  // namespace wirelab::test
