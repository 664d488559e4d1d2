// Classic pcap reading from bytes built here: byte orders, micro/nano magic, versions, link-type
// field, and every kind of damage with the message and byte offset a user sees. Also opening
// files by path (missing, directory, empty) and the corpus files tshark refuses.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "capture/capture_file.hpp"
#include "capture/capture_reader.hpp"
#include "capture/pcap_builder.hpp"
#include "capture/read_all.hpp"
#include "corpus_support.hpp"

namespace wirelab::capture {
namespace {

using test::counting_bytes;
using test::PcapBuilder;
using test::read_all;

constexpr std::size_t kFileHeader = 24;
constexpr std::size_t kRecordHeader = 16;

std::string bytes_text(Bytes b) { return std::string(as_chars(b)); }

TEST(PcapReader, ReadsLittleEndianMicrosecondFile) {
  const auto a = counting_bytes(60, 1);
  const auto b = counting_bytes(42, 100);
  PcapBuilder f;
  f.packet(1700000000, 123456, a, 1514).packet(1700000001, 999999, b);
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  ASSERT_EQ(out.records.size(), 2u);
  const auto& r0 = out.records[0];
  EXPECT_EQ(r0.kind, Record::Kind::Packet);
  EXPECT_EQ(r0.frame.ts_ns, 1700000000123456000);
  EXPECT_EQ(r0.frame.wire_len, 1514u);
  EXPECT_EQ(r0.frame.link_type, decode::LinkType::Ethernet);
  EXPECT_EQ(bytes_text(r0.frame.bytes), bytes_text(a));
  EXPECT_EQ(r0.file_offset, kFileHeader);
  EXPECT_EQ(out.records[1].frame.ts_ns, 1700000001999999000);
  EXPECT_EQ(out.records[1].frame.wire_len, 42u);
  EXPECT_EQ(out.records[1].file_offset, kFileHeader + kRecordHeader + 60);
  // The packet bytes point into the file: nothing was copied.
  EXPECT_EQ(r0.frame.bytes.data(), bytes.data() + kFileHeader + kRecordHeader);
}

TEST(PcapReader, ReadsBigEndianFiles) {
  const auto a = counting_bytes(20);
  PcapBuilder f({.big_endian = true, .snaplen = 96, .link_type_field = 113});
  f.packet(5, 250000, a, 900);
  const auto bytes = f.bytes();
  EXPECT_EQ(static_cast<int>(bytes[0]), 0xa1);  // really written big-endian
  auto reader = CaptureReader::open(bytes);
  ASSERT_TRUE(reader) << reader.error().message();
  EXPECT_EQ(reader->interfaces().at(0).snaplen, 96u);
  EXPECT_EQ(reader->interfaces().at(0).link_type, decode::LinkType::LinuxSll);
  Record rec;
  ASSERT_EQ(reader->next(rec), ReadStatus::Ok);
  EXPECT_EQ(rec.frame.ts_ns, 5250000000);
  EXPECT_EQ(rec.frame.wire_len, 900u);
  EXPECT_EQ(rec.frame.bytes.size(), 20u);
  EXPECT_EQ(reader->next(rec), ReadStatus::End);
  EXPECT_EQ(reader->next(rec), ReadStatus::End);  // stays at the end
}

TEST(PcapReader, NanosecondMagicKeepsEveryDigitInBothByteOrders) {
  for (bool be : {false, true}) {
    SCOPED_TRACE(be ? "big-endian" : "little-endian");
    PcapBuilder f({.big_endian = be, .nanos = true});
    f.packet(1700000000, 123456789, counting_bytes(14)).packet(1700000000, 999999999, counting_bytes(14));
    const auto bytes = f.bytes();
    auto reader = CaptureReader::open(bytes);
    ASSERT_TRUE(reader);
    EXPECT_TRUE(reader->nanosecond_file());
    Record rec;
    ASSERT_EQ(reader->next(rec), ReadStatus::Ok);
    EXPECT_EQ(rec.frame.ts_ns, 1700000000123456789);
    ASSERT_EQ(reader->next(rec), ReadStatus::Ok);
    EXPECT_EQ(rec.frame.ts_ns, 1700000000999999999);
  }
  PcapBuilder micro;
  EXPECT_FALSE(CaptureReader::open(micro.bytes())->nanosecond_file());
}

TEST(PcapReader, HeaderOnlyFileHasNoPackets) {
  const auto bytes = PcapBuilder().bytes();
  const auto out = read_all(bytes);
  EXPECT_FALSE(out.error);
  EXPECT_TRUE(out.records.empty());
}

TEST(PcapReader, ZeroLengthRecordIsAPacket) {
  const auto bytes = PcapBuilder().packet(1, 0, {}, 60).bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error);
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_TRUE(out.records[0].frame.bytes.empty());
  EXPECT_EQ(out.records[0].frame.wire_len, 60u);
}

// tshark reads every 2.x file (the corpus has a 2.5 one it decodes); libpcap stops at 2.4.
TEST(PcapReader, AcceptsEveryMinorVersionOfMajorTwo) {
  for (int minor : {0, 1, 3, 4, 5, 200}) {
    const auto bytes = PcapBuilder({.minor = static_cast<std::uint16_t>(minor)}).packet(1, 0, counting_bytes(30)).bytes();
    const auto out = read_all(bytes);
    EXPECT_FALSE(out.error) << "2." << minor << ": " << out.error->message();
    EXPECT_EQ(out.packets(), 1u) << "2." << minor;
  }
}

TEST(PcapReader, RefusesOtherMajorVersions) {
  for (int major : {0, 1, 3, 543}) {
    const auto bytes = PcapBuilder({.major = static_cast<std::uint16_t>(major)}).packet(1, 0, counting_bytes(30)).bytes();
    const auto out = read_all(bytes);
    ASSERT_TRUE(out.error) << major;
    EXPECT_EQ(out.error->message(), "unsupported pcap version " + std::to_string(major) +
                                        ".4 (wirelab reads pcap 2.x; this file is damaged or not a pcap file) at byte 4");
    EXPECT_TRUE(out.records.empty());
  }
}

TEST(PcapReader, RefusesReservedLinkTypeBits) {
  const auto bytes = PcapBuilder({.link_type_field = 0x00300000}).bytes();
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(),
            "pcap link-type field has reserved bits set (0x00300000): not a valid pcap file at byte 20");
}

TEST(PcapReader, FcsBitsAreNotReservedBits) {
  // Bits 28-31 give the FCS length and bit 26 says it is present; the link type stays in bits 0-15.
  const auto bytes = PcapBuilder({.link_type_field = 0x14000001}).packet(1, 0, counting_bytes(64)).bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  EXPECT_EQ(out.records.at(0).frame.link_type, decode::LinkType::Ethernet);
}

TEST(PcapReader, RefusesInputsThatAreNotCaptures) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "not a capture file: 0 bytes are too short for a pcap or pcapng header"},
      {"A", "not a capture file: 1 byte is too short for a pcap or pcapng header"},
      {"GIF89a and then some", "not a capture file: the first 4 bytes (0x47494638) are neither a pcap nor a pcapng magic number"},
  };
  for (const auto& [input, message] : cases) {
    const auto out = read_all(as_bytes(input));
    ASSERT_TRUE(out.error) << input;
    EXPECT_EQ(out.error->what, message);
    EXPECT_EQ(out.error->byte_offset, 0u);
  }
}

TEST(PcapReader, TruncatedFileHeaderSaysHowManyBytesArePresent) {
  for (std::size_t n = 4; n < kFileHeader; ++n) {
    auto bytes = PcapBuilder().bytes();
    bytes.resize(n);
    const auto out = read_all(bytes);
    ASSERT_TRUE(out.error) << n;
    EXPECT_EQ(out.error->message(), "truncated pcap file header: needs 24 bytes, " + std::to_string(n) + " present at byte 0");
  }
}

// Cutting a file anywhere inside a record delivers every packet before the cut, then names
// the damage: where the damaged record starts, and how many packets came before it.
TEST(PcapReader, EveryCutPointDeliversThePacketsBeforeTheDamage) {
  PcapBuilder f;
  f.packet(1, 0, counting_bytes(50)).packet(2, 0, counting_bytes(30)).packet(3, 0, counting_bytes(40));
  const auto full = f.bytes();
  const std::size_t starts[] = {kFileHeader, kFileHeader + 16 + 50, kFileHeader + 16 + 50 + 16 + 30, full.size()};
  for (std::size_t cut = kFileHeader + 1; cut < full.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    const std::vector<std::byte> bytes(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(cut));
    const auto out = read_all(bytes);
    std::size_t k = 0;
    while (starts[k + 1] <= cut) ++k;  // records complete before the cut
    ASSERT_EQ(out.records.size(), k);
    if (cut == starts[k]) {
      EXPECT_FALSE(out.error);
      continue;
    }
    ASSERT_TRUE(out.error);
    const std::size_t left = cut - starts[k];
    const std::string where = " at byte " + std::to_string(starts[k]) + ", after " + std::to_string(k) +
                              (k == 1 ? " packet" : " packets");
    if (left < kRecordHeader)
      EXPECT_EQ(out.error->message(), "truncated packet record header: needs 16 bytes, " + std::to_string(left) + " remain" + where);
    else
      EXPECT_EQ(out.error->message(), "truncated packet record: header claims " +
                                          std::to_string(starts[k + 1] - starts[k] - kRecordHeader) + " bytes, " +
                                          std::to_string(left - kRecordHeader) + " remain" + where);
  }
}

TEST(PcapReader, AbsurdCaptureLengthIsRejectedBeforeUse) {
  PcapBuilder f;
  f.packet(1, 0, counting_bytes(10));
  const std::size_t bad_at = f.size();
  // The claim is larger than kMaxRecordLen; the file is big enough that only the limit can stop it.
  std::vector<std::byte> body(kMaxRecordLen + 64);
  f.record(2, 0, kMaxRecordLen + 1, kMaxRecordLen + 1, body);
  const auto bytes = f.bytes();
  auto reader = CaptureReader::open(bytes);
  ASSERT_TRUE(reader);
  Record rec;
  ASSERT_EQ(reader->next(rec), ReadStatus::Ok);
  ASSERT_EQ(reader->next(rec), ReadStatus::Error);
  EXPECT_EQ(reader->error().message(), "packet record claims a captured length of 16777217 bytes, more than the "
                                       "16777216 any capture holds at byte " + std::to_string(bad_at + 8) + ", after 1 packet");
  EXPECT_EQ(reader->next(rec), ReadStatus::Error);  // stays failed
  EXPECT_EQ(reader->packets_read(), 1u);

  const auto huge = PcapBuilder().record(1, 0, 0xfffffff0u, 60, counting_bytes(4)).bytes();
  const auto out = read_all(huge);
  ASSERT_TRUE(out.error);
  EXPECT_NE(out.error->what.find("captured length of 4294967280 bytes"), std::string::npos) << out.error->what;
}

TEST(PcapReader, AcceptsTheLargestAllowedRecord) {
  std::vector<std::byte> body(kMaxRecordLen);
  const auto bytes = PcapBuilder().packet(1, 0, body).bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  EXPECT_EQ(out.records.at(0).frame.bytes.size(), kMaxRecordLen);
}

// ---- opening by path ----

class CaptureFileOpen : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("wirelab-capture-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::vector<std::byte>& bytes) {
    const auto p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(as_chars(bytes).data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  std::filesystem::path dir_;
};

TEST_F(CaptureFileOpen, MissingFileSaysSoWithoutAPosition) {
  const std::string path = (dir_ / "nope.pcap").string();
  auto f = open_capture_file(path);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().message(), "cannot open \"" + path + "\": No such file or directory (check the path)");
}

TEST_F(CaptureFileOpen, DirectoryIsNotACaptureFile) {
  auto f = open_capture_file(dir_.string());
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().message(), "\"" + dir_.string() + "\" is a directory, not a capture file");
}

TEST_F(CaptureFileOpen, EmptyFileIsNotACaptureFile) {
  const auto path = write("empty.pcap", {});
  auto f = open_capture_file(path);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().message(),
            "\"" + path + "\": not a capture file: 0 bytes are too short for a pcap or pcapng header at byte 0");
}

TEST_F(CaptureFileOpen, MappedFileOutlivesMovesAndReadsEveryPacket) {
  const auto path = write("two.pcap", PcapBuilder().packet(1, 0, counting_bytes(70)).packet(2, 0, counting_bytes(80)).bytes());
  auto f = open_capture_file(path);
  ASSERT_TRUE(f) << f.error().message();
  auto file = std::move(*f);
  EXPECT_EQ(file->path(), path);
  Record rec;
  ASSERT_EQ(file->reader().next(rec), ReadStatus::Ok);
  EXPECT_EQ(static_cast<int>(rec.frame.bytes[69]), 69);
  ASSERT_EQ(file->reader().next(rec), ReadStatus::Ok);
  EXPECT_EQ(rec.frame.bytes.size(), 80u);
  EXPECT_EQ(file->reader().next(rec), ReadStatus::End);
}

// ---- corpus files tshark refuses, and the one it reads ----

struct Refused {
  const char* file;
  const char* message;  // the whole message after the quoted path
};

TEST(CorpusCaptures, FilesTsharkRefusesAreRefusedWithAClearMessage) {
  const Refused cases[] = {
      {"pcap-invalid-version-1.pcap",
       "unsupported pcap version 1.4 (wirelab reads pcap 2.x; this file is damaged or not a pcap file) at byte 4"},
      {"linktype-reserved-field-not-zero.pcap",
       "pcap link-type field has reserved bits set (0x00300000): not a valid pcap file at byte 20"},
      {"pcapng-invalid-vers-1.pcapng", "unsupported pcapng version 0.1 (wirelab reads 1.0 and 1.2) at byte 0"},
      {"pcapng-invalid-vers-2.pcapng", "unsupported pcapng version 1.1 (wirelab reads 1.0 and 1.2) at byte 0"},
      {"shb-option-too-long.pcapng", "pcapng section header option 12336 claims 12336 bytes, more than its block holds at byte 24"},
  };
  for (const auto& c : cases) {
    const auto path = (test::corpus_dir() / "pcaps" / c.file).string();
    SCOPED_TRACE(c.file);
    ASSERT_TRUE(std::filesystem::exists(path));
    auto f = open_capture_file(path);
    ASSERT_FALSE(f) << "read without complaint";
    const std::string msg = f.error().message();
    EXPECT_EQ(msg.rfind("\"" + path + "\": ", 0), 0u) << msg;
    EXPECT_TRUE(msg.ends_with(c.message)) << msg;
  }
}

TEST(CorpusCaptures, MinorVersionFiveIsReadAsTsharkDoes) {
  auto f = open_capture_file((test::corpus_dir() / "pcaps" / "pcap-invalid-version-2.pcap").string());
  ASSERT_TRUE(f) << f.error().message();
  Record rec;
  ASSERT_EQ((*f)->reader().next(rec), ReadStatus::Ok);
  EXPECT_EQ(rec.frame.bytes.size(), 490u);  // tshark: frame.len 490
  EXPECT_EQ((*f)->reader().next(rec), ReadStatus::End);
}

}  // namespace
}  // namespace wirelab::capture
