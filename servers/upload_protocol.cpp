#include "servers/upload_protocol.hpp"

#include <cstdio>
#include <string>

namespace wirelab::servers {

std::uint64_t fnv1a(std::string_view data, std::uint64_t h) {
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

namespace {

class UploadSession final : public Session {
 public:
  explicit UploadSession(int reply_lines) : reply_lines_(reply_lines) {}
  SessionAction on_data(ByteBuffer& in, ByteBuffer&) override {
    bytes_ += in.readable();
    hash_ = fnv1a(in.view(), hash_);
    in.consume(in.readable());
    return SessionAction::Continue;
  }
  void on_eof(ByteBuffer& out) override {
    char line[96];
    std::snprintf(line, sizeof line, "RECEIVED %llu %016llx\n", static_cast<unsigned long long>(bytes_),
                  static_cast<unsigned long long>(hash_));
    out.append(line);
    for (int i = 2; i <= reply_lines_; ++i)
      out.append("line " + std::to_string(i) + " of " + std::to_string(reply_lines_) +
                 ": still sending after your FIN\n");
  }

 private:
  int reply_lines_;
  std::uint64_t bytes_ = 0;
  std::uint64_t hash_ = kFnvOffset;
};

}  // namespace

std::unique_ptr<Session> UploadProtocol::open(int, SessionHost&) {
  return std::make_unique<UploadSession>(reply_lines_);
}

}  // namespace wirelab::servers
