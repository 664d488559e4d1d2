#include "servers/tftp_netascii.hpp"

namespace wirelab::servers {

namespace {
constexpr std::byte kCr{'\r'};
constexpr std::byte kLf{'\n'};
constexpr std::byte kNul{0};
}  // namespace

void netascii_encode(Bytes local, std::vector<std::byte>& out) {
  for (std::byte b : local) {
    if (b == kLf) {
      out.push_back(kCr);
      out.push_back(kLf);
    } else if (b == kCr) {
      out.push_back(kCr);
      out.push_back(kNul);
    } else {
      out.push_back(b);
    }
  }
}

std::uint64_t netascii_encoded_size(Bytes local) {
  std::uint64_t n = local.size();
  for (std::byte b : local) n += (b == kLf || b == kCr) ? 1 : 0;
  return n;
}

void NetasciiDecoder::decode(Bytes wire, std::vector<std::byte>& out) {
  for (std::byte b : wire) {
    if (pending_cr_) {
      pending_cr_ = false;
      if (b == kLf) {
        out.push_back(kLf);
        continue;
      }
      out.push_back(kCr);   // CR NUL -> CR; a CR before anything else is kept as sent
      if (b == kNul) continue;
    }
    if (b == kCr) {
      pending_cr_ = true;
      continue;
    }
    out.push_back(b);
  }
}

void NetasciiDecoder::finish(std::vector<std::byte>& out) {
  if (pending_cr_) out.push_back(kCr);
  pending_cr_ = false;
}

}  // namespace wirelab::servers
