// Replays every saved display-filter fuzzing reproducer (tests/data/regress/filter/*) through
// the fuzz target's entry point: a crash found once stays fixed, in every build.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "corpus_support.hpp"
#include "fuzz/fuzz_filter_entry.hpp"

namespace wirelab {
namespace {

TEST(FilterFuzzRegressions, ReproducersCompileOrFailCleanly) {
  const auto dir = test::source_dir() / "tests/data/regress/filter";
  std::size_t replayed = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    SCOPED_TRACE(e.path().filename().string());
    std::ifstream in(e.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_LE(fuzz::compile_and_match_filter(text), 2);
    ++replayed;
  }
  EXPECT_GE(replayed, 2u);
}

TEST(FilterFuzzRegressions, RegexesThatWouldHurtLibstdcxxAreRefused) {
  // A back-reference number that overflows libstdc++'s regex compiler, found by fuzzing.
  EXPECT_EQ(fuzz::compile_and_match_filter("frame matches \"\\\\44444444444444444444\""), 0);
  EXPECT_EQ(fuzz::compile_and_match_filter("frame matches \"a{1,99999999999}\""), 0);
  // Ordinary long numbers in a pattern are fine.
  EXPECT_EQ(fuzz::compile_and_match_filter("frame matches \"1234567890\""), 1);
}

}  // namespace
}  // namespace wirelab
