// One socket call (or concurrency-model moment) of a demo server or client, stamped on the
// capture's clock (CLOCK_REALTIME ns). Servers record them in their journal; a run's pcapng
// carries them in custom blocks; the timeline merges them with the packets.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wirelab::decode {

enum class SocketCall : std::uint8_t {
  Socket,
  Bind,
  Listen,
  Accept,         // accept() returned (result = new fd)
  Connect,        // connect() called
  ConnectReturn,  // connect() returned (result / err)
  Send,           // send/write (bytes)
  Recv,           // recv/read (bytes; 0 = peer closed)
  SendTo,
  RecvFrom,
  Shutdown,       // detail: "SHUT_WR" ...
  Close,
  SetSockOpt,     // detail: "SO_REUSEADDR=1", "SO_LINGER=0" ...
  Fork,           // result = child pid
  ThreadStart,
  ThreadExit,
  Wakeup,         // select/poll/epoll_wait returned; result = ready count; detail lists fds
  CoSuspend,      // coroutine suspended waiting on fd
  CoResume,
  Note,           // anything else worth a mark on the timeline (detail says what)
  kCount
};

std::string_view to_string(SocketCall c);

struct SockAddr {
  std::uint32_t ip = 0;    // IPv4, host order; 0 = unknown
  std::uint16_t port = 0;
};

struct SocketEvent {
  std::int64_t ts_ns = 0;
  std::int32_t pid = 0;
  std::int32_t tid = 0;
  std::int32_t fd = -1;
  SocketCall call = SocketCall::Note;
  std::int64_t result = 0;   // return value
  std::int32_t err = 0;      // errno when the call failed
  std::uint32_t bytes = 0;   // payload bytes of send/recv
  SockAddr local;
  SockAddr peer;
  std::string actor;         // "server", "client 1", ...
  std::string detail;        // free text: option, ready fds, model moment
};

// pcapng carries each event in a Custom Block (type 0x00000BAD) with this Private Enterprise
// Number: 32473, IANA's PEN for documentation and examples (RFC 5612); wirelab has none of its
// own. The block's custom data is exactly encode_event(e). See capture/pcapng_writer.hpp.
inline constexpr std::uint32_t kSocketEventPen = 32473;

// Encoding of one event as bytes: used by fork channels and by pcapng custom blocks.
// Layout (little-endian): u32 total_len (whole record), i64 ts_ns, i32 pid, i32 tid, i32 fd,
// u8 call, i64 result, i32 err, u32 bytes, u32 local_ip, u16 local_port, u32 peer_ip,
// u16 peer_port, u16 actor_len, actor, u16 detail_len, detail.
std::vector<std::byte> encode_event(const SocketEvent& e);
// Decodes one event from the front of `b`; returns the bytes consumed, 0 if incomplete or
// invalid (a hostile length never reads past `size`).
std::size_t decode_event(const std::byte* data, std::size_t size, SocketEvent& out);

}  // namespace wirelab::decode
