#include "capture/bpf_filter.hpp"

#include <pcap/pcap.h>

namespace wirelab::capture {
namespace {

// Big enough for any frame the readers accept (kMaxRecordLen would also do; BPF only needs
// the snapshot length to bound its loads).
constexpr int kSnaplen = 262144;

struct PcapCloser {
  void operator()(pcap_t* p) const { pcap_close(p); }
};

}  // namespace

void BpfFilter::Free::operator()(bpf_program* p) const {
  pcap_freecode(p);
  delete p;
}

BpfFilter::BpfFilter(BpfFilter&&) noexcept = default;
BpfFilter& BpfFilter::operator=(BpfFilter&&) noexcept = default;
BpfFilter::~BpfFilter() = default;

int dlt_of(decode::LinkType link_type) {
  switch (link_type) {
    case decode::LinkType::Raw: return DLT_RAW;
    case decode::LinkType::Loop: return DLT_LOOP;
    default: return static_cast<int>(link_type);
  }
}

Result<BpfFilter> BpfFilter::compile(const std::string& expression, decode::LinkType link_type) {
  std::unique_ptr<pcap_t, PcapCloser> dead(pcap_open_dead(dlt_of(link_type), kSnaplen));
  if (!dead) return Error{"libpcap could not open a handle for link type " + std::to_string(dlt_of(link_type))};
  auto program = std::make_unique<bpf_program>();
  if (pcap_compile(dead.get(), program.get(), expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
    return Error{pcap_geterr(dead.get())};
  BpfFilter f;
  f.program_.reset(program.release());
  return f;
}

bool BpfFilter::matches(const decode::RawFrame& frame) const {
  pcap_pkthdr header{};
  header.ts.tv_sec = static_cast<time_t>(frame.ts_ns / 1'000'000'000);
  header.ts.tv_usec = static_cast<suseconds_t>((frame.ts_ns % 1'000'000'000) / 1000);
  header.caplen = static_cast<bpf_u_int32>(frame.bytes.size());
  header.len = frame.wire_len;
  return pcap_offline_filter(program_.get(), &header, reinterpret_cast<const u_char*>(frame.bytes.data())) != 0;  // NOLINT: byte -> u_char, same object
}

Result<FileBpf> FileBpf::compile(std::string expression) {
  auto check = BpfFilter::compile(expression, decode::LinkType::Ethernet);
  if (!check) return check.error();
  FileBpf f(std::move(expression));
  f.programs_.emplace_back(decode::LinkType::Ethernet, std::move(check.value()));
  return f;
}

bool FileBpf::matches(const decode::RawFrame& frame) {
  for (const auto& [type, program] : programs_)
    if (type == frame.link_type) return program && program->matches(frame);
  auto program = BpfFilter::compile(expression_, frame.link_type);
  if (!program) {
    // "arp" on a raw-IP file: libpcap refuses to compile a filter that can never match. That
    // is an answer (no frame of this link type passes), not a mistake in the expression.
    const bool rejects_all = program.error().message.find("rejects all packets") != std::string::npos;
    if (error_.empty() && !rejects_all)
      error_ = "capture filter \"" + expression_ + "\" does not apply to link type " +
               std::string(decode::link_type_name(frame.link_type)) + ": " + program.error().message;
    programs_.emplace_back(frame.link_type, std::nullopt);
    return false;
  }
  const bool hit = program->matches(frame);
  programs_.emplace_back(frame.link_type, std::move(program.value()));
  return hit;
}

}  // namespace wirelab::capture
