// Oracle test: for every capture in ../shared/corpus/pcaps, wirelab's `-T fields` values must
// equal the stored tshark output for every field both know, frame by frame. Known, explained
// differences are listed in tests/data/oracle_exceptions.tsv; everything else fails.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/fields.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;

struct Exceptions {
  // (file, field) -> frames ("*" = all)
  std::map<std::pair<std::string, std::string>, std::set<std::string>> entries;

  bool covers(const std::string& file, const std::string& field, std::uint64_t frame) const {
    for (const auto& key : {std::pair{file, field}, std::pair{file, std::string("*")}}) {
      auto it = entries.find(key);
      if (it == entries.end()) continue;
      if (it->second.count("*") || it->second.count(std::to_string(frame))) return true;
    }
    return false;
  }
};

Exceptions load_exceptions() {
  Exceptions ex;
  for (const auto& row : test::read_tsv(test::source_dir() / "tests/data/oracle_exceptions.tsv")) {
    if (row.empty() || row[0].empty() || row[0][0] == '#' || row.size() < 3) continue;
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
    for (const auto& name : header) defs.push_back(name.rfind("_ws.", 0) == 0 ? nullptr : reg.find(name));
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
        if (value == expected[col] || ex.covers(file, header[col], stream->packet().number)) continue;
        ++mismatches;
        ++per_field_mismatch[header[col]];
        if (reported++ < 8)
          ADD_FAILURE() << "frame " << stream->packet().number << " " << header[col] << ": tshark \"" << expected[col]
                        << "\", wirelab \"" << value << "\"";
      }
    }
    EXPECT_EQ(line, rows.size()) << "tshark printed " << rows.size() - 1 << " packets, wirelab " << line - 1
                                 << (stream->error() ? " (" + stream->error()->message() + ")" : std::string());
  }
  std::string summary;
  for (const auto& [f, n] : per_field_mismatch) summary += " " + f + ":" + std::to_string(n);
  EXPECT_EQ(mismatches, 0u) << "mismatching cells per field:" << summary;
  RecordProperty("cells_compared", static_cast<int>(compared));
  std::printf("oracle: %zu cells compared, %zu mismatches\n", compared, mismatches);
}

}  // namespace
}  // namespace wirelab
