// The CLI contract, from the outside: the real wirelab-cli binary on files written here.
// Exit 0 on success, 1 on a runtime error (message on stderr), 2 on bad usage; a truncated
// file prints every packet before the damage, then the error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <algorithm>

#include "capture/pcap_builder.hpp"
#include "decode/bytes.hpp"
#include "corpus_support.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
using test::PcapBuilder;

// Ethernet + IPv4 + UDP, checksums left 0 (valid for UDP; the IPv4 one is computed).
std::vector<std::byte> udp_frame(std::uint8_t src_host, std::uint16_t dst_port, std::size_t payload) {
  std::vector<std::uint8_t> f = {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00};
  const auto ip_len = static_cast<std::uint16_t>(20 + 8 + payload);
  const std::uint8_t ip[20] = {0x45, 0, static_cast<std::uint8_t>(ip_len >> 8), static_cast<std::uint8_t>(ip_len),
                               0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, src_host, 10, 0, 0, 99};
  std::uint32_t sum = 0;
  for (int i = 0; i < 20; i += 2) sum += static_cast<std::uint32_t>(ip[i] << 8 | ip[i + 1]);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  f.insert(f.end(), ip, ip + 20);
  f[14 + 10] = static_cast<std::uint8_t>(~sum >> 8);
  f[14 + 11] = static_cast<std::uint8_t>(~sum);
  const auto udp_len = static_cast<std::uint16_t>(8 + payload);
  const std::uint8_t udp[8] = {0x30, 0x39, static_cast<std::uint8_t>(dst_port >> 8), static_cast<std::uint8_t>(dst_port),
                               static_cast<std::uint8_t>(udp_len >> 8), static_cast<std::uint8_t>(udp_len), 0, 0};
  f.insert(f.end(), udp, udp + 8);
  f.resize(f.size() + payload, 0x61);
  std::vector<std::byte> out(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) out[i] = static_cast<std::byte>(f[i]);
  return out;
}

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

class CliContract : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("wirelab-cli-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    PcapBuilder good;
    for (std::uint8_t i = 1; i <= 3; ++i) good.packet(1700000000u + i, 500000, udp_frame(i, 53, 10u * i));
    good_ = write("good.pcap", good.bytes());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::vector<std::byte>& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(as_chars(bytes).data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  CliRun cli(const std::string& args) {
    CliRun r;
    const fs::path err = dir_ / "stderr.txt";
    r.status = test::run_command(std::string("'") + WIRELAB_CLI_PATH + "' " + args + " 2>'" + err.string() + "'", r.out);
    r.err = test::read_text(err);
    return r;
  }
  static std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

  fs::path dir_;
  std::string good_;
};

TEST_F(CliContract, ReadsAFileWithExitZero) {
  const CliRun r = cli("-r " + good_);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines(r.out), 3u) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CliContract, FieldsWithHeaderAndCommaSeparator) {
  const CliRun r = cli("-r " + good_ + " -T fields -e frame.number -e ip.src -e udp.dstport -E header=y -E separator=,");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "frame.number,ip.src,udp.dstport\n1,10.0.0.1,53\n2,10.0.0.2,53\n3,10.0.0.3,53\n");
}

TEST_F(CliContract, CountStopsAfterNPackets) {
  const CliRun r = cli("-r " + good_ + " -c 2 -T fields -e frame.number");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "1\n2\n");
}

TEST_F(CliContract, DashNIsAcceptedAndChangesNothing) {
  const CliRun plain = cli("-r " + good_);
  const CliRun with_n = cli("-n -r " + good_);
  EXPECT_EQ(with_n.status, 0) << with_n.err;
  EXPECT_EQ(with_n.out, plain.out);
}

TEST_F(CliContract, JsonOutputIsValidJsonWithOneEntryPerPacket) {
  const std::string json = (dir_ / "out.json").string();
  ASSERT_EQ(cli("-r " + good_ + " -T json > '" + json + "'").status, 0);
  std::string out;
  EXPECT_EQ(test::run_command("python3 -m json.tool '" + json + "' >/dev/null 2>&1; echo $?", out), 0);
  EXPECT_EQ(out, "0\n") << test::read_text(json);
  EXPECT_EQ(test::run_command("python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' '" + json + "'", out), 0);
  EXPECT_EQ(out, "3\n");
}

TEST_F(CliContract, TruncatedFilePrintsEveryPacketBeforeTheDamageThenFails) {
  PcapBuilder f;
  for (std::uint8_t i = 1; i <= 4; ++i) f.packet(1700000000u + i, 0, udp_frame(i, 53, 20));
  const std::size_t fourth = 24 + 3 * (16 + 62);
  auto bytes = f.bytes();
  bytes.resize(fourth + 16 + 30);  // the fourth record loses its last 32 bytes
  const std::string path = write("cut.pcap", bytes);
  const CliRun r = cli("-r " + path + " -T fields -e frame.number -e ip.src");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "1\t10.0.0.1\n2\t10.0.0.2\n3\t10.0.0.3\n");
  EXPECT_EQ(r.err, "wirelab-cli: \"" + path + "\": truncated packet record: header claims 62 bytes, 30 remain at byte " +
                       std::to_string(fourth) + ", after 3 packets\n");
}

TEST_F(CliContract, NanosecondTimestampsKeepAllNineDigits) {
  PcapBuilder nano({.nanos = true});
  nano.packet(1700000000, 123456789, udp_frame(1, 53, 4)).packet(1700000001, 5, udp_frame(1, 53, 4));
  const CliRun r = cli("-r " + write("nano.pcap", nano.bytes()) + " -T fields -e frame.time_epoch");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "1700000000.123456789\n1700000001.000000005\n");
  const CliRun micro = cli("-r " + good_ + " -c 1 -T fields -e frame.time_epoch");
  EXPECT_EQ(micro.out, "1700000001.500000000\n");  // tshark prints microsecond files with 9 digits too
}

TEST_F(CliContract, MissingFileIsARuntimeError) {
  const std::string path = (dir_ / "missing.pcap").string();
  const CliRun r = cli("-r " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err, "wirelab-cli: cannot open \"" + path + "\": No such file or directory (check the path)\n");
}

TEST_F(CliContract, DirectoryAndNonCaptureAreRuntimeErrors) {
  CliRun r = cli("-r " + dir_.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("is a directory, not a capture file"), std::string::npos) << r.err;
  const std::string text = write("notes.txt", {std::byte{'h'}, std::byte{'e'}, std::byte{'l'}, std::byte{'l'}, std::byte{'o'}});
  r = cli("-r " + text);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not a capture file"), std::string::npos) << r.err;
}

TEST_F(CliContract, UnknownFieldIsBadUsage) {
  const CliRun r = cli("-r " + good_ + " -T fields -e ip.nosuchfield");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("ip.nosuchfield"), std::string::npos) << r.err;
}

TEST_F(CliContract, UnknownFlagAndBadValuesAreBadUsage) {
  for (const std::string& args : {"-r " + good_ + " --frobnicate", "-r " + good_ + " -X", "-r " + good_ + " -c zero",
                                 "-r " + good_ + " -T xml", "-r " + good_ + " -E header=maybe", std::string("-r")}) {
    const CliRun r = cli(args);
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_TRUE(r.out.empty()) << args << ": " << r.out;
    EXPECT_TRUE(r.err.rfind("wirelab-cli: ", 0) == 0) << args << ": " << r.err;
  }
  const CliRun r = cli("-r " + good_ + " --frobnicate");
  EXPECT_NE(r.err.find("unknown option --frobnicate"), std::string::npos) << r.err;
}

TEST_F(CliContract, NothingToDoIsBadUsage) {
  const CliRun r = cli("");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("nothing to do"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace wirelab
