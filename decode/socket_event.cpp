#include "decode/socket_event.hpp"

#include <array>

namespace wirelab::decode {

std::string_view to_string(SocketCall c) {
  static constexpr std::array<std::string_view, static_cast<std::size_t>(SocketCall::kCount)> kNames{
      "socket",   "bind",     "listen", "accept",   "connect",      "connect-return", "send",
      "recv",     "sendto",   "recvfrom", "shutdown", "close",       "setsockopt",     "fork",
      "thread-start", "thread-exit", "wakeup", "co-suspend", "co-resume", "note"};
  const auto i = static_cast<std::size_t>(c);
  return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

}  // namespace wirelab::decode

#include <cstring>

#include "decode/bytes.hpp"

namespace wirelab::decode {
namespace {

constexpr std::size_t kFixedLen = 4 + 8 + 4 + 4 + 4 + 1 + 8 + 4 + 4 + 4 + 2 + 4 + 2;

template <class T>
void put(std::vector<std::byte>& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<std::byte>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
}

void put_text(std::vector<std::byte>& out, const std::string& s) {
  const std::size_t n = s.size() < 0xffff ? s.size() : 0xffff;
  put(out, static_cast<std::uint16_t>(n));
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<std::byte>(s[i]));
}

}  // namespace

std::vector<std::byte> encode_event(const SocketEvent& e) {
  std::vector<std::byte> out;
  out.reserve(kFixedLen + 4 + e.actor.size() + e.detail.size());
  put(out, std::uint32_t{0});  // patched below
  put(out, e.ts_ns);
  put(out, e.pid);
  put(out, e.tid);
  put(out, e.fd);
  put(out, static_cast<std::uint8_t>(e.call));
  put(out, e.result);
  put(out, e.err);
  put(out, e.bytes);
  put(out, e.local.ip);
  put(out, e.local.port);
  put(out, e.peer.ip);
  put(out, e.peer.port);
  put_text(out, e.actor);
  put_text(out, e.detail);
  const auto total = static_cast<std::uint32_t>(out.size());
  for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<std::byte>((total >> (8 * i)) & 0xff);
  return out;
}

std::size_t decode_event(const std::byte* data, std::size_t size, SocketEvent& out) {
  if (size < kFixedLen + 4) return 0;
  const Bytes b(data, size);
  const std::uint32_t total = load_le32(b, 0);
  if (total < kFixedLen + 4 || total > size) return 0;
  const Bytes r = b.first(total);
  std::size_t o = 4;
  auto u64 = [&] { const auto v = load_le64(r, o); o += 8; return v; };
  auto u32 = [&] { const auto v = load_le32(r, o); o += 4; return v; };
  auto u16 = [&] { const auto v = load_le16(r, o); o += 2; return v; };
  out.ts_ns = static_cast<std::int64_t>(u64());
  out.pid = static_cast<std::int32_t>(u32());
  out.tid = static_cast<std::int32_t>(u32());
  out.fd = static_cast<std::int32_t>(u32());
  const std::uint8_t call = load_u8(r, o++);
  if (call >= static_cast<std::uint8_t>(SocketCall::kCount)) return 0;
  out.call = static_cast<SocketCall>(call);
  out.result = static_cast<std::int64_t>(u64());
  out.err = static_cast<std::int32_t>(u32());
  out.bytes = u32();
  out.local.ip = u32();
  out.local.port = u16();
  out.peer.ip = u32();
  out.peer.port = u16();
  for (std::string* s : {&out.actor, &out.detail}) {
    if (total - o < 2) return 0;
    const std::uint16_t n = u16();
    if (n > total - o) return 0;
    s->assign(as_chars(r.subspan(o, n)));
    o += n;
  }
  return total;
}

}  // namespace wirelab::decode
