#include "decode/tcp_options.hpp"

#include "decode/tcp.hpp"

namespace wirelab::decode {
namespace {

// The fixed size of a kind (0 when variable or unknown).
std::uint8_t fixed_length(std::uint8_t kind) {
  switch (kind) {
    case tcp_option::kMss: return 4;
    case tcp_option::kWindowScale: return 3;
    case tcp_option::kSackPermitted: return 2;
    case tcp_option::kTimestamps: return 10;
    default: return 0;
  }
}

}  // namespace

bool TcpOptionIterator::next(TcpOption& out) {
  if (pos_ >= options_.size()) return false;
  out = TcpOption{.kind = load_u8(options_, pos_),
                  .offset = static_cast<std::uint32_t>(pos_ + TcpView::kMinHeaderLen)};
  if (out.kind == tcp_option::kEol || out.kind == tcp_option::kNop) {
    ++pos_;
    return true;
  }
  const std::size_t left = options_.size() - pos_;
  if (left < 2) {
    out.length = 0;
    out.malformed = true;
    pos_ = options_.size();
    return true;
  }
  const std::uint8_t len = load_u8(options_, pos_ + 1);
  out.length = len;
  if (len < 2 || len > left) {
    out.malformed = true;
    out.data = options_.subspan(pos_ + 2);
    pos_ = options_.size();
    return true;
  }
  out.data = options_.subspan(pos_ + 2, len - 2u);
  const std::uint8_t fixed = fixed_length(out.kind);
  if ((fixed != 0 && len != fixed) || (out.kind == tcp_option::kSack && (len - 2u) % 8 != 0)) out.malformed = true;
  pos_ += len;
  return true;
}

std::string_view tcp_option_name(std::uint8_t kind) {
  switch (kind) {
    case 0: return "End of Option List (EOL)";
    case 1: return "No-Operation (NOP)";
    case 2: return "Maximum segment size";
    case 3: return "Window scale";
    case 4: return "SACK permitted";
    case 5: return "SACK";
    case 8: return "Timestamps";
    case 19: return "MD5 signature";
    case 28: return "User Timeout";
    case 29: return "TCP Authentication Option";
    case 30: return "Multipath TCP";
    case 34: return "TCP Fast Open Cookie";
    default: return "Unknown";
  }
}

}  // namespace wirelab::decode
