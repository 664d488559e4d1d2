// Builds classic pcap files in memory for tests: either byte order, micro or nano magic, and
// records whose headers may lie (to make damaged files on purpose).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "capture/byte_writer.hpp"

namespace wirelab::test {

struct PcapFileHeader {
  bool big_endian = false;
  bool nanos = false;
  std::uint16_t major = 2;
  std::uint16_t minor = 4;
  std::uint32_t snaplen = 262144;
  std::uint32_t link_type_field = 1;  // whole 32-bit field: link type, reserved bits, FCS bits
};

class PcapBuilder {
 public:
  PcapBuilder() : PcapBuilder(PcapFileHeader{}) {}
  explicit PcapBuilder(PcapFileHeader h) : w_(h.big_endian) {
    w_.u32(h.nanos ? 0xa1b23c4d : 0xa1b2c3d4);
    w_.u16(h.major);
    w_.u16(h.minor);
    w_.u32(0);  // thiszone
    w_.u32(0);  // sigfigs
    w_.u32(h.snaplen);
    w_.u32(h.link_type_field);
  }

  // A record whose header tells the truth (wire_len 0 = the captured length).
  PcapBuilder& packet(std::uint32_t sec, std::uint32_t frac, std::span<const std::byte> data,
                      std::uint32_t wire_len = 0) {
    const auto caplen = static_cast<std::uint32_t>(data.size());
    return record(sec, frac, caplen, wire_len ? wire_len : caplen, data);
  }
  // A record with any header: caplen need not match the bytes that follow.
  PcapBuilder& record(std::uint32_t sec, std::uint32_t frac, std::uint32_t caplen, std::uint32_t wire_len,
                      std::span<const std::byte> data) {
    w_.u32(sec);
    w_.u32(frac);
    w_.u32(caplen);
    w_.u32(wire_len);
    w_.append(data);
    return *this;
  }

  std::size_t size() const { return w_.size(); }
  std::vector<std::byte> bytes() const { return w_.bytes(); }

 private:
  ByteWriter w_;
};

}  // namespace wirelab::test
