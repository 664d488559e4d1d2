// Oracle test: for every capture in ../shared/corpus/pcaps, wirelab's `-T fields` values must
// equal the stored tshark output for every field both know, frame by frame. Known, explained
// differences are listed in tests/data/oracle_exceptions.tsv; everything else fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/fields.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;

struct Exceptions {
  // (file, field) -> frames ("*" = all); file and field may be "*".
  std::map<std::pair<std::string, std::string>, std::set<std::string>> entries;
  // Lines that excused at least one difference: the others are stale and fail the test.
  mutable std::set<std::pair<std::string, std::string>> used;

  bool covers(const std::string& file, const std::string& field, std::uint64_t frame) const {
    const std::string any("*");
    for (const auto& key : {std::pair{file, field}, std::pair{file, any}, std::pair{any, field}, std::pair{any, any}}) {
      auto it = entries.find(key);
      if (it == entries.end()) continue;
      if (it->second.count("*") || it->second.count(std::to_string(frame))) {
        used.insert(key);
        return true;
      }
    }
    return false;
  }
};

Exceptions load_exceptions() {
  Exceptions ex;
  for (const auto& row : test::read_tsv(test::source_dir() / "tests/data/oracle_exceptions.tsv")) {
    if (row.empty() || row[0].empty() || row[0][0] == '#') continue;
    EXPECT_GE(row.size(), 4u) << "oracle_exceptions.tsv: every line needs file, field, frames and a reason: " << row[0];
    if (row.size() < 4 || row[3].empty()) continue;
    for (const auto& f : test::split(row[2], ',')) ex.entries[{row[0], row[1]}].insert(f);
  }
  return ex;
}

struct OracleCase {
  fs::path oracle;  // NAME.tsv or NAME.tftp.tsv
  fs::path pcap;
};

std::vector<OracleCase> oracle_cases() {
  std::vector<OracleCase> cases;
  const fs::path dir = test::corpus_dir() / "oracle";
  if (!fs::exists(dir)) return cases;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() < 4 || name.substr(name.size() - 4) != ".tsv") continue;
    std::string pcap = name.substr(0, name.size() - 4);
    if (pcap.size() > 5 && pcap.substr(pcap.size() - 5) == ".tftp") pcap = pcap.substr(0, pcap.size() - 5);
    cases.push_back({e.path(), test::corpus_dir() / "pcaps" / pcap});
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.oracle < b.oracle; });
  return cases;
}

TEST(Oracle, CorpusIsPresent) {
  ASSERT_TRUE(fs::exists(test::corpus_dir() / "pcaps")) << "../shared/corpus is missing beside the repository";
  EXPECT_GT(oracle_cases().size(), 100u);
}

TEST(Oracle, FieldsEqualTsharkOnEveryCorpusCapture) {
  const Exceptions ex = load_exceptions();
  const auto& reg = decode::FieldRegistry::instance();
  std::size_t compared = 0, mismatches = 0;
  std::map<std::string, std::size_t> per_field_mismatch;
  std::set<std::string> unknown_fields;
  for (const OracleCase& c : oracle_cases()) {
    const auto rows = test::read_tsv(c.oracle);
    const std::string file = c.pcap.filename().string();
    SCOPED_TRACE(file);
    auto stream = capture::PacketStream::open(c.pcap.string());
    if (rows.empty() || rows[0].size() <= 1) {
      // tshark refused the file; wirelab must refuse it too, with a message.
      if (stream) {
        std::size_t n = 0;
        while (stream->next()) ++n;
        EXPECT_TRUE(stream->error().has_value() || ex.covers(file, "*", 0))
            << "tshark refused the file, wirelab read " << n << " packets without complaint";
      }
      continue;
    }
    ASSERT_TRUE(stream) << stream.error().message();
    const auto& header = rows[0];
    std::vector<const decode::FieldDef*> defs;
    for (const auto& name : header) {
      const bool tshark_only = name.rfind("_ws.", 0) == 0;
      defs.push_back(tshark_only ? nullptr : reg.find(name));
      // Every field of the oracle is in wirelab's scope: none may be silently skipped.
      if (!tshark_only && !defs.back()) unknown_fields.insert(name);
    }
    std::size_t file_cells = 0;
    decode::FieldValues scratch;
    std::string value;
    std::size_t line = 1;
    int reported = 0;
    while (stream->next()) {
      if (line >= rows.size()) {
        ADD_FAILURE() << "wirelab read more packets than tshark (" << rows.size() - 1 << ")";
        break;
      }
      const auto& expected = rows[line++];
      const auto ctx = stream->context();
      for (std::size_t col = 0; col < defs.size() && col < expected.size(); ++col) {
        if (!defs[col]) continue;
        value.clear();
        decode::format_field(*defs[col], ctx, scratch, value);
        ++compared;
        ++file_cells;
        if (value == expected[col] || ex.covers(file, header[col], stream->packet().number)) continue;
        ++mismatches;
        ++per_field_mismatch[header[col]];
        if (reported++ < 8)
          ADD_FAILURE() << "frame " << stream->packet().number << " " << header[col] << ": tshark \"" << expected[col]
                        << "\", wirelab \"" << value << "\"";
      }
    }
    if (std::getenv("WIRELAB_ORACLE_VERBOSE")) std::printf("oracle: %-70s %6zu cells\n", file.c_str(), file_cells);
    EXPECT_EQ(line, rows.size()) << "tshark printed " << rows.size() - 1 << " packets, wirelab " << line - 1
                                 << (stream->error() ? " (" + stream->error()->message() + ")" : std::string());
  }
  std::string summary;
  for (const auto& [f, n] : per_field_mismatch) summary += " " + f + ":" + std::to_string(n);
  EXPECT_EQ(mismatches, 0u) << "mismatching cells per field:" << summary;
  for (const auto& f : unknown_fields) ADD_FAILURE() << "oracle field " << f << " is not in wirelab's field registry";
  for (const auto& [key, frames] : ex.entries)
    if (!ex.used.count(key))
      ADD_FAILURE() << "stale line in oracle_exceptions.tsv (no difference left to excuse): " << key.first << " "
                    << key.second;
  RecordProperty("cells_compared", static_cast<int>(compared));
  std::printf("oracle: %zu cells compared, %zu mismatches\n", compared, mismatches);
}

}  // namespace
}  // namespace wirelab
