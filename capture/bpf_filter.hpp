// Capture filters (tcpdump/BPF syntax, `-f "tcp port 80"`) compiled by libpcap itself, so
// they mean exactly what they mean to tcpdump. For files, frames are tested with
// pcap_offline_filter(); a pcapng file may mix link types, so FileBpf compiles one program
// per link type it meets.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "decode/packet.hpp"
#include "decode/result.hpp"

struct bpf_program;

namespace wirelab::capture {

class BpfFilter {
 public:
  // Compiles `expression` for frames of `link_type`. On failure, libpcap's own message.
  static Result<BpfFilter> compile(const std::string& expression, decode::LinkType link_type);

  BpfFilter(BpfFilter&&) noexcept;
  BpfFilter& operator=(BpfFilter&&) noexcept;
  ~BpfFilter();

  bool matches(const decode::RawFrame& frame) const;
  // The compiled program, for pcap_setfilter() on a live handle.
  const bpf_program* program() const { return program_.get(); }

 private:
  struct Free {
    void operator()(bpf_program* p) const;
  };
  BpfFilter() = default;
  std::unique_ptr<bpf_program, Free> program_;
};

// libpcap's DLT_ value for a LINKTYPE_ value (they differ for raw IP and OpenBSD loopback).
int dlt_of(decode::LinkType link_type);

class FileBpf {
 public:
  // Checks the expression's syntax now (for Ethernet); other link types compile on first use.
  static Result<FileBpf> compile(std::string expression);

  // False for frames the filter rejects, and for every frame of a link type the expression
  // cannot be compiled for (see error()).
  bool matches(const decode::RawFrame& frame);
  // Set when the expression does not apply to a link type met in the file.
  const std::string& error() const { return error_; }

 private:
  explicit FileBpf(std::string expression) : expression_(std::move(expression)) {}
  std::string expression_;
  std::vector<std::pair<decode::LinkType, std::optional<BpfFilter>>> programs_;  // nullopt: does not apply
  std::string error_;
};

}  // namespace wirelab::capture
