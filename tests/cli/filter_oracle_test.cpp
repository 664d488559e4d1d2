// Oracle test for display filters: every filter of tests/data/filters.txt, over every capture
// in ../shared/corpus/pcaps, must select exactly the frames live tshark selects. tshark runs
// once per capture with all filters as taps (tests/data/filter_taps.lua; a tap filter is a
// display filter, compiled and evaluated by the same engine as -Y); a second test checks that
// equivalence against literal `tshark -Y` runs.
//
// The filter engine must agree with tshark wherever the decoders agree. Differences the
// decoders explain are counted, not failed: on a capture whose `-T fields` values differ from
// tshark's stored oracle (the fields oracle test fails on it), or on frames whose decoding
// differs knowingly (tests/data/oracle_exceptions.tsv). Other explained differences:
// tests/data/filter_exceptions.tsv.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/filter/filter.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
using Frames = std::vector<std::uint64_t>;

std::vector<std::string> load_filters() {
  std::vector<std::string> out;
  std::ifstream in(test::source_dir() / "tests/data/filters.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

// (file, filter) pairs whose differences are explained; filter "*" covers a whole file.
std::set<std::pair<std::string, std::string>> load_exceptions() {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& row : test::read_tsv(test::source_dir() / "tests/data/filter_exceptions.tsv")) {
    if (row.size() < 3 || row[0].empty() || row[0][0] == '#') continue;
    out.insert({row[0], row[1]});
  }
  return out;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Frames parse_frames(const std::string& list) {
  Frames f;
  if (list.empty()) return f;
  for (const auto& n : test::split(list, ',')) f.push_back(std::stoull(n));
  return f;
}

struct TsharkAnswer {
  bool refused = true;  // tshark could not read the file
  std::vector<std::optional<Frames>> frames;  // per filter; nullopt = tshark rejected the filter
};

TsharkAnswer tshark_all(const fs::path& pcap, const fs::path& list, std::size_t n) {
  TsharkAnswer a;
  a.frames.resize(n);
  std::string out;
  const std::string cmd = "WIRELAB_FILTER_LIST=" + shell_quote(list.string()) + " tshark -n -q -r " +
                          shell_quote(pcap.string()) + " -X lua_script:" +
                          shell_quote((test::source_dir() / "tests/data/filter_taps.lua").string()) + " 2>/dev/null";
  test::run_command(cmd, out);
  for (const auto& line : test::split(out, '\n')) {
    const auto cols = test::split(line, '\t');
    if (cols.size() < 2 || cols[0].empty() || !std::isdigit(static_cast<unsigned char>(cols[0][0]))) continue;
    const std::size_t i = std::stoul(cols[0]) - 1;
    if (i >= n) continue;
    a.refused = false;
    if (cols[1] != "ERROR") a.frames[i] = parse_frames(cols[1]);
  }
  return a;
}

std::string describe(const Frames& f) {
  std::string s;
  for (std::size_t i = 0; i < f.size() && i < 12; ++i) s += (i ? "," : "") + std::to_string(f[i]);
  if (f.size() > 12) s += ",... (" + std::to_string(f.size()) + ")";
  return s.empty() ? "none" : s;
}

Frames difference(const Frames& a, const Frames& b) {
  Frames d;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(d));
  return d;
}

// What the fields oracle knows about one capture's decoding.
struct DecoderStatus {
  bool agrees = true;                   // -T fields equals tshark's stored oracle (modulo exceptions)
  bool all_frames_excused = false;      // oracle_exceptions.tsv: "FILE * *"
  std::set<std::uint64_t> excused;      // frames oracle_exceptions.tsv names for this file
};

// Compares wirelab's `-T fields` values for `pcap` with tshark's stored oracle, as the fields
// oracle test does, and gathers that file's lines of oracle_exceptions.tsv (lines for every
// file, "*", name tracker fields and are not about this file's decoding).
DecoderStatus decoder_status(const fs::path& pcap) {
  DecoderStatus st;
  const std::string name = pcap.filename().string();
  std::set<std::string> excused_fields_everywhere;
  for (const auto& row : test::read_tsv(test::source_dir() / "tests/data/oracle_exceptions.tsv")) {
    if (row.size() < 3 || row[0].empty() || row[0][0] == '#') continue;
    if (row[0] == "*") excused_fields_everywhere.insert(row[1]);
    if (row[0] != name) continue;
    for (const auto& f : test::split(row[2], ','))
      if (f == "*") st.all_frames_excused = true;
      else if (!f.empty()) st.excused.insert(std::stoull(f));
  }
  const auto rows = test::read_tsv(test::corpus_dir() / "oracle" / (name + ".tsv"));
  auto stream = capture::PacketStream::open(pcap.string());
  if (rows.empty() || !stream) {
    st.agrees = false;
    return st;
  }
  const auto& reg = decode::FieldRegistry::instance();
  std::vector<const decode::FieldDef*> defs;
  for (const auto& field : rows[0])
    defs.push_back(field.rfind("_ws.", 0) == 0 || excused_fields_everywhere.count(field) ? nullptr : reg.find(field));
  decode::FieldValues scratch;
  std::string value;
  std::size_t line = 1;
  while (stream->next() && st.agrees) {
    if (line >= rows.size()) {
      st.agrees = false;
      break;
    }
    const auto& expected = rows[line++];
    const std::uint64_t frame = stream->packet().number;
    if (st.all_frames_excused || st.excused.count(frame)) continue;
    for (std::size_t col = 0; col < defs.size() && col < expected.size(); ++col) {
      if (!defs[col]) continue;
      value.clear();
      decode::format_field(*defs[col], stream->context(), scratch, value);
      if (value != expected[col]) st.agrees = false;
    }
  }
  if (line != rows.size()) st.agrees = false;
  return st;
}

std::vector<fs::path> corpus_captures() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "pcaps")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FilterOracle, ListCoversTheOperatorsAndTheCourseExamples) {
  const auto filters = load_filters();
  EXPECT_GE(filters.size(), 60u);
  for (const char* needed : {"ip.dst==10.128.160.66", "udp.port==2425", "ip.dst==10.128.160.66 and udp.port==2425"})
    EXPECT_NE(std::find(filters.begin(), filters.end(), needed), filters.end()) << needed;
  std::string all;
  for (const auto& f : filters) all += f + "\n";
  for (const char* op : {"==", "!=", "~=", "===", " < ", " > ", "<=", ">=", " eq ", " ne ", " lt ", " gt ", " le ",
                         " && ", " || ", " and ", " or ", "not ", "!", "contains", "matches", " in {", "..", "[0:3]",
                         "/8", "0x", "True", "\"\\x", "ff:ff"})
    EXPECT_NE(all.find(op), std::string::npos) << "no filter uses " << op;
}

TEST(FilterOracle, SelectedFramesEqualTsharkOnEveryCorpusCapture) {
  const auto filters = load_filters();
  const auto exceptions = load_exceptions();
  ASSERT_FALSE(filters.empty());
  const fs::path list = fs::path(testing::TempDir()) / "wirelab_filters.txt";
  {
    std::ofstream out(list);
    for (const auto& f : filters) out << f << "\n";
  }
  std::vector<decode::filter::Filter> compiled;
  std::vector<std::string> compile_errors(filters.size());
  for (std::size_t i = 0; i < filters.size(); ++i) {
    auto f = decode::filter::compile(filters[i]);
    if (!f) {
      compile_errors[i] = f.error().message;
      compiled.emplace_back();
    } else {
      compiled.push_back(std::move(f.value()));
    }
  }
  std::size_t files = 0, compared = 0, mismatches = 0, decoder_notes = 0;
  std::vector<std::string> decoder_differs;
  std::set<std::pair<std::string, std::string>> used_exceptions;
  for (const fs::path& pcap : corpus_captures()) {
    const std::string file = pcap.filename().string();
    const TsharkAnswer oracle = tshark_all(pcap, list, filters.size());
    if (oracle.refused) continue;  // the fields oracle test checks that wirelab refuses it too
    ++files;
    const DecoderStatus decoding = decoder_status(pcap);
    if (!decoding.agrees) decoder_differs.push_back(file);
    std::vector<Frames> mine(filters.size());
    auto stream = capture::PacketStream::open(pcap.string());
    if (stream) {
      while (stream->next())
        for (std::size_t i = 0; i < filters.size(); ++i)
          if (compile_errors[i].empty() && compiled[i].matches(stream->context()))
            mine[i].push_back(stream->packet().number);
    }
    for (std::size_t i = 0; i < filters.size(); ++i) {
      if (!oracle.frames[i]) {
        EXPECT_FALSE(compile_errors[i].empty()) << "tshark rejects \"" << filters[i] << "\", wirelab accepts it";
        continue;
      }
      if (!compile_errors[i].empty()) {
        if (files == 1) ADD_FAILURE() << "wirelab rejects \"" << filters[i] << "\": " << compile_errors[i];
        continue;
      }
      ++compared;
      const Frames& want = *oracle.frames[i];
      if (mine[i] == want) continue;
      if (exceptions.count({file, filters[i]}) || exceptions.count({file, "*"})) {
        used_exceptions.insert(exceptions.count({file, filters[i]}) ? std::pair{file, filters[i]} : std::pair{file, std::string("*")});
        continue;
      }
      // Explained by the decoders: the file's decoding differs from tshark's (the fields oracle
      // reports it), or every differing frame is one oracle_exceptions.tsv explains.
      const Frames only_tshark = difference(want, mine[i]), only_wirelab = difference(mine[i], want);
      auto excused = [&](const Frames& fs) {
        return std::all_of(fs.begin(), fs.end(), [&](std::uint64_t n) { return decoding.excused.count(n) > 0; });
      };
      if (!decoding.agrees || decoding.all_frames_excused || (excused(only_tshark) && excused(only_wirelab))) {
        ++decoder_notes;
        continue;
      }
      ++mismatches;
      ADD_FAILURE() << file << ": \"" << filters[i] << "\"\n  only tshark: " << describe(only_tshark)
                    << "\n  only wirelab: " << describe(only_wirelab);
    }
  }
  EXPECT_GT(files, 50u);
  for (const auto& e : exceptions)
    EXPECT_TRUE(used_exceptions.count(e)) << "filter_exceptions.tsv: \"" << e.first << "\t" << e.second
                                          << "\" covers no difference any more; remove it";
  std::printf("filter oracle: %zu filters x %zu captures, %zu comparisons, %zu mismatches\n", filters.size(), files,
              compared, mismatches);
  std::printf("filter oracle: %zu differences explained by oracle_exceptions.tsv or by %zu captures whose decoding "
              "differs from tshark's:",
              decoder_notes, decoder_differs.size());
  for (const auto& f : decoder_differs) std::printf(" %s", f.c_str());
  std::printf("\n");
}

// The tap shortcut above is only valid if a tap filter selects what -Y selects: check it
// with literal `tshark -Y` runs for a sample of filters on a few captures.
TEST(FilterOracle, TapFiltersSelectWhatDashYSelects) {
  const auto filters = load_filters();
  const fs::path list = fs::path(testing::TempDir()) / "wirelab_filters_sample.txt";
  std::vector<std::string> sample;
  for (std::size_t i = 0; i < filters.size(); i += 17) sample.push_back(filters[i]);
  {
    std::ofstream out(list);
    for (const auto& f : sample) out << f << "\n";
  }
  for (const char* name : {"whois.pcap", "sv__bug-4376__syn_retransmit_with_ts.pcap"}) {
    const fs::path pcap = test::corpus_dir() / "pcaps" / name;
    const TsharkAnswer taps = tshark_all(pcap, list, sample.size());
    ASSERT_FALSE(taps.refused) << name;
    for (std::size_t i = 0; i < sample.size(); ++i) {
      std::string out;
      const int rc = test::run_command("tshark -n -r " + shell_quote(pcap.string()) + " -Y " + shell_quote(sample[i]) +
                                           " -T fields -e frame.number 2>/dev/null",
                                       out);
      if (!taps.frames[i]) {
        EXPECT_NE(rc, 0) << sample[i];
        continue;
      }
      Frames literal;
      for (const auto& l : test::split(out, '\n'))
        if (!l.empty()) literal.push_back(std::stoull(l));
      EXPECT_EQ(literal, *taps.frames[i]) << name << ": " << sample[i];
    }
  }
}

}  // namespace
}  // namespace wirelab
