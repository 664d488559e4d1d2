// Builds the fuzzers' seed corpora at build time, from the shared corpus and our regression
// inputs, so no seed data is committed:
//   OUT/fuzz_capture_reader/  each capture file (cut at a record boundary near 16 KiB), and
//                             tests/data/regress/capture/*
//   OUT/fuzz_dissect/         each distinct packet of every capture, prefixed with its link-type
//                             byte, and tests/data/regress/dissect/*
// Usage: seed_extractor CORPUS_PCAPS_DIR REGRESS_DIR OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "capture/capture_file.hpp"
#include "fuzz/fuzz_entry_points.hpp"

namespace fs = std::filesystem;
using namespace wirelab;

namespace {

constexpr std::size_t kReaderSeedLimit = 16 * 1024;

void write_file(const fs::path& p, Bytes b) {
  std::ofstream(p, std::ios::binary).write(as_chars(b).data(), static_cast<std::streamsize>(b.size()));
}

std::string fnv1a_hex(Bytes b) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::byte x : b) h = (h ^ static_cast<std::uint8_t>(x)) * 1099511628211ull;
  char name[24];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(h));
  return name;
}

void copy_dir(const fs::path& from, const fs::path& to) {
  if (!fs::is_directory(from)) return;
  for (const auto& e : fs::directory_iterator(from))
    if (e.is_regular_file()) fs::copy_file(e.path(), to / e.path().filename(), fs::copy_options::overwrite_existing);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s CORPUS_PCAPS_DIR REGRESS_DIR OUT_DIR\n", argv[0]);
    return 2;
  }
  const fs::path pcaps = argv[1], regress = argv[2], out = argv[3];
  const fs::path reader_dir = out / "fuzz_capture_reader", dissect_dir = out / "fuzz_dissect";
  fs::remove_all(reader_dir);
  fs::remove_all(dissect_dir);
  fs::create_directories(reader_dir);
  fs::create_directories(dissect_dir);

  std::set<std::string> seen;
  std::size_t files = 0, packets = 0;
  if (fs::is_directory(pcaps)) {
    for (const auto& e : fs::directory_iterator(pcaps)) {
      if (!e.is_regular_file()) continue;
      auto f = capture::open_capture_file(e.path().string());
      const Bytes whole = f ? (*f)->bytes() : Bytes{};
      std::size_t cut = 0;  // end of the last record that fits in the reader seed
      if (f) {
        capture::Record rec;
        std::uint64_t end = 0;
        for (;;) {
          const auto st = (*f)->reader().next(rec);
          if (st != capture::ReadStatus::Ok) {
            end = whole.size();
            if (end <= kReaderSeedLimit) cut = end;
            break;
          }
          if (rec.file_offset <= kReaderSeedLimit) cut = rec.file_offset;
          if (rec.kind != capture::Record::Kind::Packet) continue;
          const auto input = fuzz::dissect_input(rec.frame.link_type, rec.frame.bytes);
          if (input.empty()) continue;
          const std::string name = fnv1a_hex(input);
          if (seen.insert(name).second) {
            write_file(dissect_dir / name, input);
            ++packets;
          }
        }
      }
      if (!f) {  // refused files are good reader seeds as they are
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        write_file(reader_dir / e.path().filename(), as_bytes(std::string_view(bytes).substr(0, kReaderSeedLimit)));
      } else {
        write_file(reader_dir / e.path().filename(), whole.first(cut ? cut : std::min(whole.size(), kReaderSeedLimit)));
      }
      ++files;
    }
  }
  copy_dir(regress / "capture", reader_dir);
  copy_dir(regress / "dissect", dissect_dir);
  std::printf("seeds: %zu capture files, %zu distinct packets -> %s\n", files, packets, out.string().c_str());
  return 0;
}
