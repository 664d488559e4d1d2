#include "cli/reports.hpp"

#include <charconv>
#include <optional>
#include <string_view>

namespace wirelab::cli {

namespace {
bool parse_stream(std::string_view s, std::int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && out >= 0;
}

// "udp,N" / "tftp,N" / "icmp,N" after "timeline,": the kind, and the rest in `num`.
std::optional<decode::DatagramTimeline::Kind> datagram_kind(std::string_view& num) {
  using K = decode::DatagramTimeline::Kind;
  for (const K k : {K::Udp, K::Tftp, K::Icmp}) {
    const std::string prefix = std::string(to_string(k)) + ",";
    if (num.rfind(prefix, 0) == 0) {
      num.remove_prefix(prefix.size());
      return k;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Reports> Reports::parse(const std::vector<std::string>& args, decode::DiagramFormat diagram) {
  Reports r;
  r.diagram_ = diagram;
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
                   "timeline,N timeline,udp,N timeline,tftp,N timeline,icmp,N follow,tcp,ascii,N)"};
    std::optional<decode::DatagramTimeline::Kind> datagram;
    if (q.kind == ReportRequest::Kind::Timeline && v.rfind("timeline,tcp,", 0) != 0) datagram = datagram_kind(num);
    if (q.kind == ReportRequest::Kind::Timeline || q.kind == ReportRequest::Kind::FollowTcpAscii) {
      if (!parse_stream(num, q.stream)) {
        const std::string_view what = !datagram ? "a TCP stream number"
                                      : *datagram == decode::DatagramTimeline::Kind::Udp ? "a UDP stream number"
                                      : *datagram == decode::DatagramTimeline::Kind::Tftp ? "a TFTP transfer number"
                                                                                           : "an ICMP echo session number";
        return Error{"-z " + a + ": expected " + std::string(what) + " after the last comma"};
      }
    }
    if (datagram) {
      q.datagram = static_cast<int>(r.datagrams_.size());
      r.datagrams_.emplace_back(*datagram, q.stream);
    }
    r.requests_.push_back(std::move(q));
  }
  return r;
}

void Reports::prepare(decode::Trackers& t) const {
  // Only -z conns and a TCP -z timeline read the connections' story (states, kinds, Zeek);
  // without them tracking keeps just what the packet fields and conversation tables need.
  bool story = false;
  for (const ReportRequest& q : requests_)
    story |= q.kind == ReportRequest::Kind::Conns || (q.kind == ReportRequest::Kind::Timeline && q.datagram < 0);
  t.keep_connection_story(story);
  for (const ReportRequest& q : requests_) {
    if (q.kind == ReportRequest::Kind::Timeline && q.datagram < 0) t.record_sequence_of(q.stream);
    if (q.kind == ReportRequest::Kind::FollowTcpAscii) t.follow_tcp(q.stream);
    if (q.verify_checksums) t.verify_checksums(true);
  }
}

void Reports::observe(const decode::FieldContext& ctx) {
  for (decode::DatagramTimeline& d : datagrams_) d.feed(ctx);
}

void Reports::print(const decode::Trackers& t, std::FILE* out) const {
  for (auto it = requests_.rbegin(); it != requests_.rend(); ++it) {
    switch (it->kind) {
      case ReportRequest::Kind::ConvTcp: print_conv_tcp(t, out); break;
      case ReportRequest::Kind::ConvUdp: print_conv_udp(t, out); break;
      case ReportRequest::Kind::Conns: print_conns(t, out); break;
      case ReportRequest::Kind::Timeline:
        if (it->datagram >= 0)
          print_datagram_timeline(t, datagrams_[static_cast<std::size_t>(it->datagram)], events_, diagram_, out);
        else
          print_timeline(t, it->stream, events_, diagram_, out);
        break;
      case ReportRequest::Kind::FollowTcpAscii: print_follow_tcp_ascii(t, it->stream, out); break;
      case ReportRequest::Kind::Tftp: print_tftp(t, out); break;
    }
  }
}

}  // namespace wirelab::cli
