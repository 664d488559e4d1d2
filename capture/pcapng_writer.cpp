#include "capture/pcapng_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace wirelab::capture {
namespace {

constexpr std::uint32_t kBlockShb = 0x0A0D0D0A;
constexpr std::uint32_t kBlockIdb = 0x00000001;
constexpr std::uint32_t kBlockEpb = 0x00000006;
constexpr std::uint32_t kBlockCustom = 0x00000BAD;  // custom block, may be copied
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr std::uint16_t kOptEnd = 0;
constexpr std::uint16_t kOptShbUserAppl = 4;
constexpr std::uint16_t kOptIfName = 2;
constexpr std::uint16_t kOptIfTsresol = 9;

// The file is written in the host's byte order, as pcapng allows (the SHB magic says which).
template <class T>
void put(std::vector<std::byte>& out, T v) {
  const auto* p = reinterpret_cast<const std::byte*>(&v);
  out.insert(out.end(), p, p + sizeof v);
}

void pad32(std::vector<std::byte>& out) {
  while (out.size() % 4) out.push_back(std::byte{0});
}

void put_option(std::vector<std::byte>& out, std::uint16_t code, const void* data, std::size_t len) {
  put(out, code);
  put(out, static_cast<std::uint16_t>(len));
  const auto* p = static_cast<const std::byte*>(data);
  out.insert(out.end(), p, p + len);
  pad32(out);
}

void put_end_of_options(std::vector<std::byte>& out) {
  put(out, kOptEnd);
  put(out, std::uint16_t{0});
}

}  // namespace

Result<std::unique_ptr<PcapngWriter>> PcapngWriter::create(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Error{"cannot write \"" + path + "\": " + std::strerror(errno)};
  std::unique_ptr<PcapngWriter> w(new PcapngWriter(f, path));
  std::vector<std::byte> body;
  put(body, kByteOrderMagic);
  put(body, std::uint16_t{1});  // major
  put(body, std::uint16_t{0});  // minor
  put(body, std::int64_t{-1});  // section length: not given
  const std::string appl = "wirelab 0.1.0";
  put_option(body, kOptShbUserAppl, appl.data(), appl.size());
  put_end_of_options(body);
  w->write_block(kBlockShb, body);
  return w;
}

PcapngWriter::~PcapngWriter() { close(); }

void PcapngWriter::write_block(std::uint32_t type, const std::vector<std::byte>& body) {
  if (!file_ || failed_) return;
  const auto total = static_cast<std::uint32_t>(12 + body.size());  // body is already 32-bit aligned
  bool ok = std::fwrite(&type, 4, 1, file_) == 1 && std::fwrite(&total, 4, 1, file_) == 1;
  ok = ok && (body.empty() || std::fwrite(body.data(), body.size(), 1, file_) == 1);
  ok = ok && std::fwrite(&total, 4, 1, file_) == 1;
  if (!ok) failed_ = true;
}

std::uint32_t PcapngWriter::add_interface(decode::LinkType link_type, std::uint32_t snaplen, const std::string& name) {
  scratch_.clear();
  put(scratch_, static_cast<std::uint16_t>(link_type));
  put(scratch_, std::uint16_t{0});  // reserved
  put(scratch_, snaplen);
  if (!name.empty()) put_option(scratch_, kOptIfName, name.data(), name.size());
  const std::uint8_t nanoseconds = 9;  // if_tsresol: 10^-9 s per timestamp unit
  put_option(scratch_, kOptIfTsresol, &nanoseconds, 1);
  put_end_of_options(scratch_);
  write_block(kBlockIdb, scratch_);
  return interfaces_++;
}

void PcapngWriter::write_packet(std::uint32_t interface_id, const decode::RawFrame& frame) {
  scratch_.clear();
  const auto ts = static_cast<std::uint64_t>(frame.ts_ns);
  put(scratch_, interface_id);
  put(scratch_, static_cast<std::uint32_t>(ts >> 32));
  put(scratch_, static_cast<std::uint32_t>(ts & 0xffffffffu));
  put(scratch_, static_cast<std::uint32_t>(frame.bytes.size()));
  put(scratch_, std::max<std::uint32_t>(frame.wire_len, static_cast<std::uint32_t>(frame.bytes.size())));
  scratch_.insert(scratch_.end(), frame.bytes.begin(), frame.bytes.end());
  pad32(scratch_);
  write_block(kBlockEpb, scratch_);
}

void PcapngWriter::write_event(const decode::SocketEvent& event) {
  scratch_.clear();
  put(scratch_, decode::kSocketEventPen);
  const std::vector<std::byte> record = decode::encode_event(event);
  scratch_.insert(scratch_.end(), record.begin(), record.end());
  pad32(scratch_);
  write_block(kBlockCustom, scratch_);
}

std::optional<Error> PcapngWriter::close() {
  if (!file_) return std::nullopt;
  const bool flushed = std::fflush(file_) == 0;
  const int saved = errno;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (failed_ || !flushed || !closed)
    return Error{"writing \"" + path_ + "\" failed: " + std::strerror(failed_ || !flushed ? saved : errno)};
  return std::nullopt;
}

std::optional<Error> write_pcapng(const std::string& path, decode::LinkType link_type, const std::string& interface,
                                  const std::vector<CapturedFrame>& frames,
                                  const std::vector<decode::SocketEvent>& events) {
  return write_pcapng(path, link_type, std::vector<std::string>{interface}, frames, events);
}

std::optional<Error> write_pcapng(const std::string& path, decode::LinkType link_type,
                                  const std::vector<std::string>& interfaces, const std::vector<CapturedFrame>& frames,
                                  const std::vector<decode::SocketEvent>& events) {
  auto w = PcapngWriter::create(path);
  if (!w) return w.error();
  std::uint32_t snaplen = 262144;
  for (const auto& f : frames) snaplen = std::max(snaplen, static_cast<std::uint32_t>(f.bytes.size()));
  std::vector<std::uint32_t> ids;
  for (const std::string& name : interfaces) ids.push_back((*w)->add_interface(link_type, snaplen, name));
  for (const CapturedFrame& f : frames) {
    if (ids.size() == 1) {  // one interface takes every frame, whatever id the capture gave it
      (*w)->write_packet(ids[0], f.view());
      continue;
    }
    if (f.interface_id >= ids.size())
      return Error{"write " + path + ": a frame names interface " + std::to_string(f.interface_id) + " of " +
                   std::to_string(ids.size())};
    (*w)->write_packet(ids[f.interface_id], f.view());
  }
  for (const decode::SocketEvent& e : events) (*w)->write_event(e);
  return (*w)->close();
}

}  // namespace wirelab::capture
