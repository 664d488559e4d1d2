// The trackers' other fields against live tshark on every corpus capture: udp.stream, ICMP
// echo pairing, ARP gratuitous/probe/announcement and duplicate addresses, tftp.block.full.
// Frames and captures the decoders knowingly differ on (tests/data/oracle_exceptions.tsv
// with field "*") are left out, as in the field oracle test.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/fields.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kFields = {
    "frame.number",     "udp.stream",       "icmp.resp_to",       "icmp.resptime",
    "arp.isgratuitous", "arp.isprobe",      "arp.isannouncement", "arp.duplicate-address-detected",
    "arp.duplicate-address-frame", "arp.seconds-since-duplicate-address-frame", "tftp.block.full"};

// file -> frames to skip ("*" = the whole file), from the exceptions that cover every field.
std::map<std::string, std::set<std::string>> decoder_gaps() {
  std::map<std::string, std::set<std::string>> gaps;
  for (const auto& row : test::read_tsv(test::source_dir() / "tests/data/oracle_exceptions.tsv")) {
    if (row.size() < 3 || row[0].empty() || row[0][0] == '#' || row[1] != "*") continue;
    for (const auto& f : test::split(row[2], ',')) gaps[row[0]].insert(f);
  }
  return gaps;
}

TEST(TrackerFieldsOracle, UdpIcmpArpTftpFieldsAgreeWithTsharkOnTheCorpus) {
  std::string version;
  if (test::run_command("tshark -v 2>/dev/null", version) != 0) GTEST_SKIP() << "tshark is not installed";
  const auto gaps = decoder_gaps();
  const auto& reg = decode::FieldRegistry::instance();
  std::size_t files = 0, rows_compared = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "oracle")) {
    const std::string name = e.path().filename().string();
    if (name.size() < 4 || name.substr(name.size() - 4) != ".tsv" || name.find(".tftp.") != std::string::npos) continue;
    const std::string capture = name.substr(0, name.size() - 4);
    const std::string text = test::read_text(e.path());
    if (text.find("\t17\t") == std::string::npos && text.find("\t1\t") == std::string::npos &&
        text.find("0x0806") == std::string::npos)
      continue;  // no UDP, ICMP or ARP
    const auto gap = gaps.find(capture);
    if (gap != gaps.end() && gap->second.count("*")) continue;
    const fs::path pcap = test::corpus_dir() / "pcaps" / capture;
    std::string cmd = "tshark -n -r '" + pcap.string() + "' -T fields";
    for (const auto& f : kFields) cmd += " -e " + f;
    std::string out;
    test::run_command(cmd + " 2>/dev/null", out);
    std::istringstream expected(out);
    auto s = capture::PacketStream::open(pcap.string());
    if (!s) continue;
    ++files;
    decode::FieldValues scratch;
    std::string want;
    while (s->next() && std::getline(expected, want)) {
      if (gap != gaps.end() && gap->second.count(std::to_string(s->packet().number))) continue;
      std::string got;
      for (std::size_t i = 0; i < kFields.size(); ++i) {
        if (i) got += '\t';
        decode::format_field(*reg.find(kFields[i]), s->context(), scratch, got);
      }
      ++rows_compared;
      EXPECT_EQ(got, want) << capture << " frame " << s->packet().number;
    }
  }
  EXPECT_GT(files, 30u);
  EXPECT_GT(rows_compared, 3000u);
}

}  // namespace
}  // namespace wirelab
