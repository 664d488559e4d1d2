// wirelab-cli -Y and -f as a user meets them: tshark's frame numbers, exit status 2 and a
// caret under the mistake for a malformed filter, libpcap's message for a bad BPF.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "corpus_support.hpp"

namespace wirelab {
namespace {

struct CliRun {
  int status;
  std::string out;
  std::string err;
};

CliRun cli(const std::string& args) {
  // One file per test process: ctest runs these tests in parallel, each in its own process.
  const std::string err_file = testing::TempDir() + "/wirelab_filter_cli_stderr." + std::to_string(::getpid()) + ".txt";
  CliRun r;
  r.status = test::run_command(std::string(WIRELAB_CLI_PATH) + " " + args + " 2>" + err_file, r.out);
  r.err = test::read_text(err_file);
  std::remove(err_file.c_str());
  return r;
}

std::string whois() { return "-r '" + (test::corpus_dir() / "pcaps" / "whois.pcap").string() + "'"; }

TEST(FilterCli, DisplayFilterKeepsOriginalFrameNumbers) {
  const CliRun r = cli(whois() + " -n -Y 'tcp.len > 0' -T fields -e frame.number -e tcp.len");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "4\t13\n6\t233\n");
}

TEST(FilterCli, DisplayFilterSelectsWhatTsharkSelects) {
  for (const char* filter : {"ip.src == 10.0.2.15 && tcp.flags.ack == 1", "tcp.port in {43, 80} and frame.len > 60",
                             "eth.src[0:3] == 52:54:00", "frame contains \"example\""}) {
    const CliRun mine = cli(whois() + " -n -Y '" + std::string(filter) + "' -T fields -e frame.number");
    std::string theirs;
    test::run_command("tshark -n " + whois() + " -Y '" + filter + "' -T fields -e frame.number 2>/dev/null", theirs);
    EXPECT_EQ(mine.out, theirs) << filter;
  }
}

TEST(FilterCli, MalformedDisplayFilterExitsTwoWithACaret) {
  const CliRun r = cli(whois() + " -Y 'ip.addr == 300.1.1.1'");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "wirelab-cli: \"300.1.1.1\" is not a valid hostname or IPv4 address.\n"
            "    ip.addr == 300.1.1.1\n"
            "               ^~~~~~~~~\n");
  const CliRun unknown = cli(whois() + " -Y 'tcp.prot == 43'");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("Did you mean \"tcp.port\"?"), std::string::npos) << unknown.err;
}

TEST(FilterCli, CaptureFilterOnAFileDropsFramesBeforeDecoding) {
  const CliRun r = cli(whois() + " -f 'src host 192.0.47.59' -T fields -e frame.number -e ip.src");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "1\t192.0.47.59\n2\t192.0.47.59\n3\t192.0.47.59\n4\t192.0.47.59\n5\t192.0.47.59\n");
}

TEST(FilterCli, BadCaptureFilterGivesLibpcapsMessageAndExitsTwo) {
  const CliRun r = cli(whois() + " -f 'tcp prot 43'");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "wirelab-cli: invalid capture filter \"tcp prot 43\": can't parse filter expression: syntax error\n");
}

TEST(FilterCli, CaptureAndDisplayFiltersCombine) {
  const CliRun r = cli(whois() + " -f 'tcp' -Y 'tcp.flags.syn == 1' -T fields -e frame.number");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "1\n2\n");
}

}  // namespace
}  // namespace wirelab
