// Replays every saved fuzzing reproducer (tests/data/regress/dissect/* and capture/*) through
// the same entry points the fuzz targets drive, in every build: a crash found once stays
// fixed. Under the asan preset these replays also catch out-of-bounds reads that don't crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "corpus_support.hpp"
#include "fuzz/fuzz_entry_points.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const char* kind) {
  std::vector<fs::path> out;
  const fs::path dir = test::source_dir() / "tests/data/regress" / kind;
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(FuzzRegressions, DissectReproducersDecodeWithoutCrashing) {
  for (const auto& p : inputs("dissect")) {
    SCOPED_TRACE(p.filename().string());
    const std::string bytes = slurp(p);
    ASSERT_FALSE(bytes.empty());
    // Every frame prints something: at least frame.number and the summary's protocol column.
    EXPECT_GT(fuzz::dissect_everything(as_bytes(bytes)), 0u);
  }
}

TEST(FuzzRegressions, CaptureReaderReproducersEndOrFailCleanly) {
  for (const auto& p : inputs("capture")) {
    SCOPED_TRACE(p.filename().string());
    const std::string bytes = slurp(p);
    auto reader = capture::CaptureReader::open(as_bytes(bytes));
    if (!reader) {
      EXPECT_FALSE(reader.error().what.empty());
      continue;
    }
    capture::Record rec;
    capture::ReadStatus st;
    std::uint64_t records = 0;
    while ((st = reader->next(rec)) == capture::ReadStatus::Ok) ASSERT_LT(++records, bytes.size()) << "reader loops";
    if (st == capture::ReadStatus::Error) {
      EXPECT_FALSE(reader->error().what.empty());
    }
    EXPECT_GT(fuzz::read_everything(as_bytes(bytes)), 0u);
  }
}

}  // namespace
}  // namespace wirelab
