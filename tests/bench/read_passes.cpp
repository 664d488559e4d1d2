#include "bench/read_passes.hpp"

#include <pcap/pcap.h>
#include <tins/tins.h>

#include <array>
#include <cstring>
#include <memory>

#include "capture/capture_file.hpp"
#include "capture/capture_reader.hpp"
#include "capture/mapped_file.hpp"
#include "decode/dissector.hpp"
#include "decode/populated_pages.hpp"
#include "decode/trackers.hpp"

namespace wirelab::bench {
namespace {

constexpr std::array<std::string_view, 6> kNames = {"libpcap_loop",          "wirelab_read",
                                                     "wirelab_dissect",       "wirelab_dissect_track",
                                                     "wirelab_dissect_story", "libtins"};

void run(const std::function<void(const std::function<void()>&)>& around, const std::function<void()>& loop) {
  if (around) around(loop);
  else loop();
}

PassResult libpcap_pass(const std::string& path, std::uint64_t limit,
                        const std::function<void(const std::function<void()>&)>& around) {
  PassResult r;
  char err[PCAP_ERRBUF_SIZE] = {};
  std::unique_ptr<pcap_t, decltype(&pcap_close)> p(
      pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, err), &pcap_close);
  if (!p) {
    r.error = err;
    return r;
  }
  run(around, [&] {
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    int st;
    while ((limit == 0 || r.packets < limit) && (st = pcap_next_ex(p.get(), &h, &data)) == 1) {
      ++r.packets;
      r.captured_bytes += h->caplen;
      r.checksum += h->caplen ? data[h->caplen - 1] : 0;
    }
  });
  return r;
}

PassResult wirelab_pass(Pass pass, capture::CaptureReader& reader, std::uint64_t limit,
                        const std::function<void(const std::function<void()>&)>& around) {
  PassResult r;
  decode::Dissector dissector;
  decode::Trackers trackers;
  trackers.keep_connection_story(pass == Pass::DissectStory);
  decode::Packet packet;
  decode::PacketAnnotations notes;
  run(around, [&] {
    capture::Record rec;
    capture::ReadStatus st;
    while ((limit == 0 || r.packets < limit) && (st = reader.next(rec)) == capture::ReadStatus::Ok) {
      if (rec.kind != capture::Record::Kind::Packet) continue;
      ++r.packets;
      const Bytes b = rec.frame.bytes;
      r.captured_bytes += b.size();
      if (pass == Pass::WirelabRead) {
        r.checksum += b.empty() ? 0 : static_cast<std::uint8_t>(b.back());
        continue;
      }
      dissector.dissect(rec.frame, r.packets, packet);
      r.checksum += packet.layers.size();
      if (pass == Pass::DissectTrack || pass == Pass::DissectStory) trackers.feed(packet, notes);
    }
    if (reader.error().what.size()) r.error = reader.error().message();
  });
  return r;
}

PassResult wirelab_pass(Pass pass, const std::string& path, std::uint64_t limit,
                        const std::function<void(const std::function<void()>&)>& around) {
  auto file = capture::open_capture_file(path);
  if (!file) return PassResult{.error = file.error().message()};
  return wirelab_pass(pass, (*file)->reader(), limit, around);
}

PassResult libtins_pass(const std::string& path, std::uint64_t limit,
                        const std::function<void(const std::function<void()>&)>& around) {
  PassResult r;
  try {
    Tins::FileSniffer sniffer(path);
    run(around, [&] {
      sniffer.sniff_loop([&](Tins::PDU& pdu) {
        ++r.packets;
        r.checksum += pdu.size();  // walks the parsed stack
        return limit == 0 || r.packets < limit;
      });
    });
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

}  // namespace

CaptureCopy::CaptureCopy(const std::string& path) {
  auto map = capture::MappedFile::open(path);
  if (!map) {
    error_ = map.error().message;
    return;
  }
  const Bytes b = map->bytes();
  size_ = b.size();
  data_ = decode::map_populated_pages(size_);
  std::memcpy(data_, b.data(), size_);
}

CaptureCopy::~CaptureCopy() { decode::unmap_populated_pages(data_, size_); }

PassResult run_pass_in_memory(Pass pass, const CaptureCopy& copy, std::uint64_t limit,
                              const std::function<void(const std::function<void()>&)>& around_loop) {
  if (!copy.error().empty()) return PassResult{.error = copy.error()};
  if (pass == Pass::LibpcapLoop || pass == Pass::Libtins)
    return PassResult{.error = std::string(pass_name(pass)) + " reads only files"};
  auto reader = capture::CaptureReader::open(copy.bytes());
  if (!reader) return PassResult{.error = reader.error().message()};
  return wirelab_pass(pass, *reader, limit, around_loop);
}

std::string_view pass_name(Pass p) { return kNames[static_cast<std::size_t>(p)]; }

bool pass_from_name(std::string_view name, Pass& out) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) {
      out = static_cast<Pass>(i);
      return true;
    }
  return false;
}

PassResult run_pass(Pass pass, const std::string& path, std::uint64_t limit,
                    const std::function<void(const std::function<void()>&)>& around_loop) {
  switch (pass) {
    case Pass::LibpcapLoop: return libpcap_pass(path, limit, around_loop);
    case Pass::Libtins: return libtins_pass(path, limit, around_loop);
    default: return wirelab_pass(pass, path, limit, around_loop);
  }
}

}  // namespace wirelab::bench
