#include "conversation_builder.hpp"

#include <fstream>

#include "decode/dissector.hpp"

namespace wirelab::test {

namespace {
void put16(std::vector<std::byte>& b, std::uint16_t v) {
  b.push_back(std::byte(v >> 8));
  b.push_back(std::byte(v & 0xff));
}
void put32(std::vector<std::byte>& b, std::uint32_t v) {
  put16(b, static_cast<std::uint16_t>(v >> 16));
  put16(b, static_cast<std::uint16_t>(v));
}
template <class T>
void put_le(std::ofstream& f, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) f.put(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
}
}  // namespace

std::uint16_t tcp_flags(const std::string& spec) {
  std::uint16_t f = 0;
  for (char c : spec) {
    switch (c) {
      case 'S': f |= 0x02; break;
      case 'F': f |= 0x01; break;
      case 'R': f |= 0x04; break;
      case 'P': f |= 0x08; break;
      case '.': f |= 0x10; break;
      default: break;
    }
  }
  return f;
}

ConversationBuilder::ConversationBuilder(std::uint32_t cip, std::uint16_t cport, std::uint32_t sip, std::uint16_t sport)
    : cip_(cip), sip_(sip), cport_(cport), sport_(sport) {}

ConversationBuilder& ConversationBuilder::ports(std::uint16_t c, std::uint16_t s) {
  cport_ = c;
  sport_ = s;
  return *this;
}

void ConversationBuilder::ipv4(bool from_client, std::uint8_t proto, const std::vector<std::byte>& l4) {
  std::vector<std::byte> f(12, std::byte{0});  // zero MACs, as on Linux loopback
  put16(f, 0x0800);
  const std::size_t ip_at = f.size();
  const std::size_t ip_len = ip_options_ ? 24 : 20;
  put16(f, ip_options_ ? 0x4600 : 0x4500);
  put16(f, static_cast<std::uint16_t>(ip_len + l4.size()));
  put16(f, static_cast<std::uint16_t>(frames_.size()));
  put16(f, 0x4000);
  f.push_back(std::byte{64});
  f.push_back(std::byte{proto});
  put16(f, 0);
  put32(f, from_client ? cip_ : sip_);
  put32(f, from_client ? sip_ : cip_);
  if (ip_options_) put32(f, 0x01010100);  // NOP, NOP, NOP, End of Option List
  std::uint32_t sum = 0;
  for (std::size_t i = ip_at; i < ip_at + ip_len; i += 2)
    sum += (std::to_integer<std::uint32_t>(f[i]) << 8) | std::to_integer<std::uint32_t>(f[i + 1]);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  f[ip_at + 10] = std::byte((~sum >> 8) & 0xff);
  f[ip_at + 11] = std::byte(~sum & 0xff);
  f.insert(f.end(), l4.begin(), l4.end());
  now_ += 1000;  // 1 us between frames
  frames_.push_back({now_, std::move(f)});
}

ConversationBuilder& ConversationBuilder::tcp(bool from_client, const std::string& flags, std::uint32_t seq,
                                              std::uint32_t ack, const std::string& payload, std::uint16_t window,
                                              std::int8_t wscale) {
  std::vector<std::byte> t;
  put16(t, from_client ? cport_ : sport_);
  put16(t, from_client ? sport_ : cport_);
  put32(t, seq);
  put32(t, ack);
  const bool opt = wscale >= 0;
  put16(t, static_cast<std::uint16_t>(((opt ? 6u : 5u) << 12) | tcp_flags(flags)));
  put16(t, window);
  put16(t, 0);
  put16(t, 0);
  if (opt) {
    t.push_back(std::byte{1});
    t.push_back(std::byte{3});
    t.push_back(std::byte{3});
    t.push_back(std::byte(wscale));
  }
  for (char c : payload) t.push_back(std::byte(static_cast<unsigned char>(c)));
  ipv4(from_client, 6, t);
  return *this;
}

ConversationBuilder& ConversationBuilder::udp(bool from_client, const std::string& payload) {
  std::vector<std::byte> u;
  put16(u, from_client ? cport_ : sport_);
  put16(u, from_client ? sport_ : cport_);
  put16(u, static_cast<std::uint16_t>(8 + payload.size()));
  put16(u, 0);
  for (char c : payload) u.push_back(std::byte(static_cast<unsigned char>(c)));
  ipv4(from_client, 17, u);
  return *this;
}

void ConversationBuilder::write_pcap(const std::filesystem::path& p) const {
  std::ofstream f(p, std::ios::binary);
  put_le<std::uint32_t>(f, 0xa1b23c4d);  // nanosecond pcap
  put_le<std::uint16_t>(f, 2);
  put_le<std::uint16_t>(f, 4);
  put_le<std::uint32_t>(f, 0);
  put_le<std::uint32_t>(f, 0);
  put_le<std::uint32_t>(f, 262144);
  put_le<std::uint32_t>(f, 1);
  for (const Frame& fr : frames_) {
    put_le<std::uint32_t>(f, static_cast<std::uint32_t>(fr.ts_ns / 1'000'000'000));
    put_le<std::uint32_t>(f, static_cast<std::uint32_t>(fr.ts_ns % 1'000'000'000));
    put_le<std::uint32_t>(f, static_cast<std::uint32_t>(fr.bytes.size()));
    put_le<std::uint32_t>(f, static_cast<std::uint32_t>(fr.bytes.size()));
    f.write(reinterpret_cast<const char*>(fr.bytes.data()), static_cast<std::streamsize>(fr.bytes.size()));
  }
}

std::vector<decode::PacketAnnotations> track(const std::vector<Frame>& frames, decode::Trackers& t,
                                             bool dissector_fast_path) {
  decode::Dissector d;
  d.set_fast_path(dissector_fast_path);
  decode::Packet p;
  std::vector<decode::PacketAnnotations> out;
  std::uint64_t n = 0;
  for (const Frame& f : frames) {
    decode::RawFrame raw{.ts_ns = f.ts_ns, .link_type = decode::LinkType::Ethernet,
                         .wire_len = static_cast<std::uint32_t>(f.bytes.size()), .bytes = f.bytes};
    d.dissect(raw, ++n, p);
    out.emplace_back();
    t.feed(p, out.back());
  }
  t.finish();
  return out;
}

}  // namespace wirelab::test
