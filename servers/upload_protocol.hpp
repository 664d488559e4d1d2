// Upload: the client sends bytes and then shuts down its sending side; the server counts them
// (and hashes them, FNV-1a 64) and only after the client's FIN answers with `reply_lines`
// lines, the first "RECEIVED <bytes> <hash hex>", then closes. The answer travels on a
// half-closed connection: the client can no longer send, but still receives.
#pragma once
#include <cstdint>
#include <string_view>

#include "servers/session.hpp"

namespace wirelab::servers {

class UploadProtocol final : public Protocol {
 public:
  explicit UploadProtocol(int reply_lines = 1) : reply_lines_(reply_lines) {}
  std::unique_ptr<Session> open(int conn_id, SessionHost& host) override;

 private:
  int reply_lines_;
};

// FNV-1a 64-bit, continuing from `h` (start with kFnvOffset).
inline constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
std::uint64_t fnv1a(std::string_view data, std::uint64_t h = kFnvOffset);

}  // namespace wirelab::servers
