// Test helpers: build frames byte by byte (header by header, big-endian), dissect them, and
// read a field the way `-T fields` prints it.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "decode/dissector.hpp"
#include "decode/fields.hpp"
#include "decode/ipv4.hpp"

namespace wirelab::test {

class ByteWriter {
 public:
  ByteWriter& u8(unsigned v) {
    b_.push_back(static_cast<std::byte>(v & 0xff));
    return *this;
  }
  ByteWriter& u16(unsigned v) { return u8(v >> 8).u8(v); }
  ByteWriter& u32(std::uint32_t v) { return u16(v >> 16).u16(v & 0xffff); }
  ByteWriter& bytes(std::initializer_list<unsigned> v) {
    for (unsigned x : v) u8(x);
    return *this;
  }
  ByteWriter& text(std::string_view s, bool nul = true) {
    for (char c : s) u8(static_cast<unsigned char>(c));
    if (nul) u8(0);
    return *this;
  }
  ByteWriter& zeros(std::size_t n) {
    b_.insert(b_.end(), n, std::byte{0});
    return *this;
  }
  ByteWriter& append(const std::vector<std::byte>& v) {
    b_.insert(b_.end(), v.begin(), v.end());
    return *this;
  }
  std::size_t size() const { return b_.size(); }
  std::vector<std::byte>& data() { return b_; }
  std::vector<std::byte> take() { return std::move(b_); }

 private:
  std::vector<std::byte> b_;
};

inline constexpr std::uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// Ethernet II header: dst 00:11:22:33:44:55, src 66:77:88:99:aa:bb.
inline std::vector<std::byte> eth(std::uint16_t type) {
  ByteWriter w;
  w.bytes({0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb}).u16(type);
  return w.take();
}

struct Ipv4Spec {
  std::uint32_t src = ip4(10, 0, 0, 1);
  std::uint32_t dst = ip4(10, 0, 0, 2);
  std::uint8_t protocol = 6;
  std::uint16_t id = 0x1234;
  std::uint8_t ttl = 64;
  bool df = false;
  bool mf = false;
  std::uint16_t frag_units = 0;
  std::vector<std::byte> options;  // multiple of 4
  int total_len = -1;              // -1: header + payload
};

// An IPv4 header (with a correct checksum) followed by `payload`.
inline std::vector<std::byte> ipv4(const Ipv4Spec& s, const std::vector<std::byte>& payload) {
  const auto hlen = static_cast<unsigned>(20 + s.options.size());
  const unsigned total = s.total_len >= 0 ? static_cast<unsigned>(s.total_len)
                                          : hlen + static_cast<unsigned>(payload.size());
  ByteWriter w;
  w.u8(0x40 | (hlen / 4)).u8(0).u16(total).u16(s.id);
  w.u16((s.df ? 0x4000u : 0u) | (s.mf ? 0x2000u : 0u) | s.frag_units);
  w.u8(s.ttl).u8(s.protocol).u16(0).u32(s.src).u32(s.dst).append(s.options);
  auto h = w.take();
  const std::uint16_t sum = decode::internet_checksum(Bytes(h));
  h[10] = static_cast<std::byte>(sum >> 8);
  h[11] = static_cast<std::byte>(sum & 0xff);
  h.insert(h.end(), payload.begin(), payload.end());
  return h;
}

inline std::vector<std::byte> udp(std::uint16_t sport, std::uint16_t dport, const std::vector<std::byte>& payload,
                                  int length = -1) {
  ByteWriter w;
  w.u16(sport).u16(dport).u16(length >= 0 ? static_cast<unsigned>(length) : 8u + static_cast<unsigned>(payload.size()));
  w.u16(0).append(payload);
  return w.take();
}

inline std::vector<std::byte> tcp(std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint32_t ack,
                                  std::uint16_t flags, const std::vector<std::byte>& options = {},
                                  const std::vector<std::byte>& payload = {}) {
  ByteWriter w;
  const auto hlen = static_cast<unsigned>(20 + options.size());
  w.u16(sport).u16(dport).u32(seq).u32(ack).u16(((hlen / 4) << 12) | flags).u16(65535).u16(0).u16(0);
  w.append(options).append(payload);
  return w.take();
}

inline std::vector<std::byte> concat(std::initializer_list<std::vector<std::byte>> parts) {
  std::vector<std::byte> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// Dissects frames in order with one Dissector (so cross-frame state applies).
class Dissected {
 public:
  const decode::Packet& add(const std::vector<std::byte>& bytes, decode::LinkType link = decode::LinkType::Ethernet,
                            std::int64_t ts_ns = 0) {
    frames_.push_back(bytes);
    packet_ = decode::Packet{};
    const decode::RawFrame f{.ts_ns = ts_ns, .link_type = link,
                             .wire_len = static_cast<std::uint32_t>(bytes.size()), .bytes = Bytes(frames_.back())};
    dissector_.dissect(f, ++number_, packet_);
    return packet_;
  }
  const decode::Packet& packet() const { return packet_; }
  // The field as `tshark -T fields -e NAME` prints it ("" when absent).
  std::string field(std::string_view name) const {
    const decode::FieldDef* def = decode::FieldRegistry::instance().find(name);
    if (!def) return "<unknown field " + std::string(name) + ">";
    decode::FieldValues scratch;
    std::string out;
    decode::format_field(*def, decode::FieldContext{.packet = packet_}, scratch, out);
    return out;
  }
  std::string protocols() const { return field("frame.protocols"); }

 private:
  std::vector<std::vector<std::byte>> frames_;  // kept alive: the packet points into them
  decode::Dissector dissector_;
  decode::Packet packet_;
  std::uint64_t number_ = 0;
};

inline std::vector<std::byte> first(const std::vector<std::byte>& v, std::size_t n) {
  return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace wirelab::test
