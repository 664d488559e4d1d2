// One pass over a capture file, six ways, so the benchmark and the instruction counter
// measure exactly the same loops:
//   LibpcapLoop   pcap_next_ex over the file (the floor: libpcap's read + copy per packet)
//   WirelabRead   CaptureReader over the memory map
//   Dissect       ... + Dissector::dissect of every frame
//   DissectTrack  ... + Trackers::feed without the connections' story (what `wirelab-cli -r`
//                 runs unless -z conns or -z timeline asks for it)
//   DissectStory  ... + Trackers::feed keeping the story (the GUI, -z conns, -z timeline)
//   Libtins       libtins FileSniffer, every packet parsed into its PDU stack
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "decode/bytes.hpp"

namespace wirelab::bench {

enum class Pass : std::uint8_t { LibpcapLoop, WirelabRead, Dissect, DissectTrack, DissectStory, Libtins };

std::string_view pass_name(Pass p);
bool pass_from_name(std::string_view name, Pass& out);

struct PassResult {
  std::uint64_t packets = 0;
  std::uint64_t captured_bytes = 0;  // sum of caplen
  std::uint64_t checksum = 0;        // something derived from every packet, so no loop is dead
  std::string error;                 // empty when the whole file (or `limit` packets) was read
};

// Reads up to `limit` packets (0 = all). `around_loop` is called with the loop itself, after
// the file is open, so a caller can time or instrument only the per-packet work.
PassResult run_pass(Pass pass, const std::string& path, std::uint64_t limit = 0,
                    const std::function<void(const std::function<void()>&)>& around_loop = nullptr);

// A capture file copied into memory that asks for transparent huge pages. The wirelab passes
// over it are the same loops without the file mapping's 4 KiB pages: on the virtual machines
// wirelab is tested on, the page-table walks over a mapped file come and go with the host's
// state and can cost more than decoding (scripts/bench.sh), so the ratio of tracking to
// decoding is steadier measured here, where the loops are bound by their own instructions.
class CaptureCopy {
 public:
  explicit CaptureCopy(const std::string& path);  // error() says why when it could not
  CaptureCopy(const CaptureCopy&) = delete;
  CaptureCopy& operator=(const CaptureCopy&) = delete;
  ~CaptureCopy();
  Bytes bytes() const { return {static_cast<const std::byte*>(data_), size_}; }
  const std::string& error() const { return error_; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
  std::string error_;
};

// A wirelab pass (not libpcap's or libtins's, which read the file themselves) over a copy.
PassResult run_pass_in_memory(Pass pass, const CaptureCopy& copy, std::uint64_t limit = 0,
                              const std::function<void(const std::function<void()>&)>& around_loop = nullptr);

}  // namespace wirelab::bench
