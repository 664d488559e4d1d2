#include "cli/reports.hpp"

#include <charconv>
#include <string_view>

namespace wirelab::cli {

namespace {
bool parse_stream(std::string_view s, std::int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && out >= 0;
}
}  // namespace

Result<Reports> Reports::parse(const std::vector<std::string>& args) {
  Reports r;
  for (const std::string& a : args) {
    ReportRequest q{.text = a};
    const std::string_view v = a;
    std::string_view num;
    if (v == "conv,tcp") q.kind = ReportRequest::Kind::ConvTcp;
    else if (v == "conv,udp") q.kind = ReportRequest::Kind::ConvUdp;
    else if (v == "conns") q.kind = ReportRequest::Kind::Conns;
    else if (v == "conns,checksums") { q.kind = ReportRequest::Kind::Conns; q.verify_checksums = true; }
    else if (v == "tftp") q.kind = ReportRequest::Kind::Tftp;
    else if (v.rfind("timeline,tcp,", 0) == 0) { q.kind = ReportRequest::Kind::Timeline; num = v.substr(13); }
    else if (v.rfind("timeline,", 0) == 0) { q.kind = ReportRequest::Kind::Timeline; num = v.substr(9); }
    else if (v.rfind("follow,tcp,ascii,", 0) == 0) { q.kind = ReportRequest::Kind::FollowTcpAscii; num = v.substr(17); }
    else
      return Error{"-z " + a + " is not a report wirelab knows (conv,tcp conv,udp conns conns,checksums tftp "
                   "timeline,N follow,tcp,ascii,N)"};
    if (q.kind == ReportRequest::Kind::Timeline || q.kind == ReportRequest::Kind::FollowTcpAscii) {
      if (!parse_stream(num, q.stream)) return Error{"-z " + a + ": expected a TCP stream number after the last comma"};
    }
    r.requests_.push_back(std::move(q));
  }
  return r;
}

void Reports::prepare(decode::Trackers& t) const {
  for (const ReportRequest& q : requests_) {
    if (q.kind == ReportRequest::Kind::Timeline) t.record_sequence_of(q.stream);
    if (q.kind == ReportRequest::Kind::FollowTcpAscii) t.follow_tcp(q.stream);
    if (q.verify_checksums) t.verify_checksums(true);
  }
}

void Reports::print(const decode::Trackers& t, std::FILE* out) const {
  for (auto it = requests_.rbegin(); it != requests_.rend(); ++it) {
    switch (it->kind) {
      case ReportRequest::Kind::ConvTcp: print_conv_tcp(t, out); break;
      case ReportRequest::Kind::ConvUdp: print_conv_udp(t, out); break;
      case ReportRequest::Kind::Conns: print_conns(t, out); break;
      case ReportRequest::Kind::Timeline: print_timeline(t, it->stream, events_, out); break;
      case ReportRequest::Kind::FollowTcpAscii: print_follow_tcp_ascii(t, it->stream, out); break;
      case ReportRequest::Kind::Tftp: print_tftp(t, out); break;
    }
  }
}

}  // namespace wirelab::cli
