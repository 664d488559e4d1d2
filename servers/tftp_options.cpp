#include "servers/tftp_options.hpp"

#include <algorithm>
#include <charconv>

namespace wirelab::servers {
namespace {

constexpr std::size_t kMinBlksize = 8;
constexpr std::size_t kMaxBlksize = 65464;

std::optional<std::uint64_t> parse_number(const std::string& s) {
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

TftpRefusal refuse(std::string why) { return {TftpErrorCode::OptionRefused, "Option negotiation refused: " + std::move(why)}; }

}  // namespace

std::vector<TftpOption> to_options(const TftpOptionRequest& r, std::uint64_t tsize_value) {
  std::vector<TftpOption> out;
  if (r.blksize) out.push_back({"blksize", std::to_string(*r.blksize)});
  if (r.timeout_s) out.push_back({"timeout", std::to_string(*r.timeout_s)});
  if (r.tsize) out.push_back({"tsize", std::to_string(tsize_value)});
  if (r.windowsize) out.push_back({"windowsize", std::to_string(*r.windowsize)});
  return out;
}

TftpNegotiation negotiate_options(const std::vector<TftpOption>& requested, const TftpParams& defaults,
                                  const TftpServerLimits& limits, std::optional<std::uint64_t> file_size) {
  TftpNegotiation n{.params = defaults};
  if (!limits.accept_options) return n;
  auto seen = [&](std::string_view name) {
    return std::any_of(n.oack.begin(), n.oack.end(), [&](const TftpOption& o) { return o.name == name; });
  };
  for (const TftpOption& o : requested) {
    const auto v = parse_number(o.value);
    if (!v) continue;  // options with a malformed value are ignored, as unknown ones are
    if (iequals(o.name, "blksize") && !seen("blksize") && *v >= kMinBlksize && *v <= kMaxBlksize) {
      n.params.blksize = std::min<std::size_t>(*v, limits.max_blksize);
      n.oack.push_back({"blksize", std::to_string(n.params.blksize)});
    } else if (iequals(o.name, "timeout") && !seen("timeout") && *v >= 1 && *v <= 255) {
      n.params.timeout_ms = static_cast<int>(*v) * 1000;
      n.oack.push_back({"timeout", std::to_string(*v)});
    } else if (iequals(o.name, "tsize") && !seen("tsize")) {
      if (file_size) {  // RRQ: answer with the size
        n.oack.push_back({"tsize", std::to_string(*file_size)});
      } else {          // WRQ: echo the announced size
        n.tsize = *v;
        n.oack.push_back({"tsize", std::to_string(*v)});
      }
    } else if (iequals(o.name, "windowsize") && !seen("windowsize") && *v >= 1 && *v <= 65535) {
      n.params.windowsize = std::min<std::uint16_t>(static_cast<std::uint16_t>(*v), limits.max_windowsize);
      n.oack.push_back({"windowsize", std::to_string(n.params.windowsize)});
    }
  }
  return n;
}

Result<TftpParams, TftpRefusal> accept_oack(const std::vector<TftpOption>& oack, const TftpOptionRequest& requested,
                                            const TftpParams& defaults, std::optional<std::uint64_t>& tsize_out) {
  TftpParams p = defaults;
  for (const TftpOption& o : oack) {
    const auto v = parse_number(o.value);
    if (!v) return refuse("option \"" + o.name + "\" has a non-numeric value \"" + o.value + "\"");
    if (iequals(o.name, "blksize")) {
      if (!requested.blksize) return refuse("blksize was not requested");
      if (*v < kMinBlksize || *v > *requested.blksize)
        return refuse("blksize " + o.value + " is outside 8.." + std::to_string(*requested.blksize));
      p.blksize = *v;
    } else if (iequals(o.name, "timeout")) {
      if (!requested.timeout_s) return refuse("timeout was not requested");
      if (*v != static_cast<std::uint64_t>(*requested.timeout_s))
        return refuse("timeout " + o.value + " differs from the requested " + std::to_string(*requested.timeout_s));
      p.timeout_ms = static_cast<int>(*v) * 1000;
    } else if (iequals(o.name, "tsize")) {
      if (!requested.tsize) return refuse("tsize was not requested");
      tsize_out = *v;
    } else if (iequals(o.name, "windowsize")) {
      if (!requested.windowsize) return refuse("windowsize was not requested");
      if (*v < 1 || *v > *requested.windowsize)
        return refuse("windowsize " + o.value + " is outside 1.." + std::to_string(*requested.windowsize));
      p.windowsize = static_cast<std::uint16_t>(*v);
    } else {
      return refuse("option \"" + o.name + "\" was not requested");
    }
  }
  return p;
}

}  // namespace wirelab::servers
