// pcapng reading from bytes built here: byte orders per section, timestamp resolution
// (10^-n and 2^-n) and offset, several sections and interfaces, simple and obsolete packet
// blocks, custom blocks handed out as records, and damage with message and byte offset.
#include <gtest/gtest.h>

#include "capture/capture_reader.hpp"
#include "capture/pcapng_builder.hpp"
#include "capture/read_all.hpp"

namespace wirelab::capture {
namespace {

using test::counting_bytes;
using test::PcapngBuilder;
using test::read_all;

constexpr std::size_t kShbLen = 28;  // a section header without options

std::string text(Bytes b) { return std::string(as_chars(b)); }

TEST(PcapngReader, ReadsEnhancedPacketsInBothByteOrders) {
  for (bool be : {false, true}) {
    SCOPED_TRACE(be ? "big-endian" : "little-endian");
    const auto data = counting_bytes(61, 7);  // odd length: the block is padded
    PcapngBuilder f;
    f.section({.big_endian = be}).interface({.link_type = 1, .snaplen = 65535, .name = "lo"});
    const std::size_t epb_at = f.size();
    f.epb(0, 1700000000123456ull, data, 1514).epb(0, 1700000000123457ull, counting_bytes(40));
    const auto bytes = f.bytes();
    auto reader = CaptureReader::open(bytes);
    ASSERT_TRUE(reader) << reader.error().message();
    EXPECT_EQ(reader->format(), FileFormat::Pcapng);
    Record rec;
    ASSERT_EQ(reader->next(rec), ReadStatus::Ok);
    EXPECT_EQ(rec.kind, Record::Kind::Packet);
    EXPECT_EQ(rec.frame.ts_ns, 1700000000123456000);  // default resolution: microseconds
    EXPECT_EQ(rec.frame.wire_len, 1514u);
    EXPECT_EQ(text(rec.frame.bytes), text(data));
    EXPECT_EQ(rec.file_offset, epb_at);
    ASSERT_EQ(reader->next(rec), ReadStatus::Ok);
    EXPECT_EQ(rec.frame.bytes.size(), 40u);
    EXPECT_EQ(reader->next(rec), ReadStatus::End);
    ASSERT_EQ(reader->interfaces().size(), 1u);
    EXPECT_EQ(reader->interfaces()[0].name, "lo");
    EXPECT_EQ(reader->interfaces()[0].snaplen, 65535u);
    EXPECT_EQ(reader->packets_read(), 2u);
  }
}

struct Resolution {
  std::uint8_t tsresol;
  std::uint64_t ticks;
  std::int64_t expect_ns;
  bool nanos;
};

TEST(PcapngReader, TimestampResolutionPowersOfTenAndTwo) {
  const Resolution cases[] = {
      {9, 1700000000123456789ull, 1700000000123456789, true},          // ns
      {6, 1700000000123456ull, 1700000000123456000, false},            // us, stated
      {3, 1700000000123ull, 1700000000123000000, false},               // ms
      {0, 1700000000ull, 1700000000000000000, false},                  // seconds
      {0x80 | 20, (3ull << 20) | (1ull << 19), 3500000000, false},     // 2^-20 s: 3.5 s
      {0x80 | 30, (7ull << 30) | (1ull << 28), 7250000000, true},      // 2^-30 s: finer than ns
      {0x80 | 0, 42, 42000000000, false},                              // 2^0: seconds
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("if_tsresol " + std::to_string(c.tsresol));
    PcapngBuilder f;
    f.section().interface({.tsresol = c.tsresol}).epb(0, c.ticks, counting_bytes(20));
    const auto bytes = f.bytes();
    auto reader = CaptureReader::open(bytes);
    ASSERT_TRUE(reader);
    Record rec;
    ASSERT_EQ(reader->next(rec), ReadStatus::Ok) << reader->error().message();
    EXPECT_EQ(rec.frame.ts_ns, c.expect_ns);
    EXPECT_EQ(reader->nanosecond_file(), c.nanos);
  }
}

TEST(PcapngReader, TimestampOffsetShiftsEveryPacketOfItsInterface) {
  PcapngBuilder f;
  f.section()
      .interface({.tsresol = 9, .tsoffset = 1700000000})
      .interface({.tsoffset = -100})
      .epb(0, 123456789, counting_bytes(20))
      .epb(1, 200000000, counting_bytes(20));  // 200 s in microseconds
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  ASSERT_EQ(out.records.size(), 2u);
  EXPECT_EQ(out.records[0].frame.ts_ns, 1700000000123456789);
  EXPECT_EQ(out.records[1].frame.ts_ns, 100000000000);
}

TEST(PcapngReader, TimestampsBeyond64BitNanosecondsAreDamageNotOverflow) {
  PcapngBuilder f;
  f.section().interface({.tsresol = 0, .tsoffset = INT64_MAX / 2}).epb(0, 5, counting_bytes(20));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_NE(out.error->what.find("packet timestamp is out of range"), std::string::npos) << out.error->what;
}

TEST(PcapngReader, TimestampResolutionOutOfRangeIsRefused) {
  for (std::uint8_t r : {std::uint8_t{20}, std::uint8_t{0x80 | 64}}) {
    PcapngBuilder f;
    f.section();
    const std::size_t idb_at = f.size();
    f.interface({.tsresol = r}).epb(0, 1, counting_bytes(20));
    const auto bytes = f.bytes();
  const auto out = read_all(bytes);
    ASSERT_TRUE(out.error) << int{r};
    EXPECT_EQ(out.error->message(), "interface timestamp resolution out of range at byte " +
                                        std::to_string(idb_at + 16) + ", after 0 packets");
  }
}

TEST(PcapngReader, InterfacesOfSeveralSectionsAndLinkTypes) {
  PcapngBuilder f;
  f.section()
      .interface({.link_type = 1})
      .interface({.link_type = 113, .tsresol = 9})
      .epb(1, 5000000001, counting_bytes(30))
      .epb(0, 5000001, counting_bytes(31))
      // A second section, big-endian, numbers its interfaces from 0 again.
      .section({.big_endian = true})
      .interface({.link_type = 101})
      .epb(0, 7000000, counting_bytes(32));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  ASSERT_EQ(out.records.size(), 3u);
  EXPECT_EQ(out.records[0].frame.link_type, decode::LinkType::LinuxSll);
  EXPECT_EQ(out.records[0].frame.interface_id, 1u);
  EXPECT_EQ(out.records[0].frame.ts_ns, 5000000001);
  EXPECT_EQ(out.records[1].frame.link_type, decode::LinkType::Ethernet);
  EXPECT_EQ(out.records[1].frame.interface_id, 0u);
  EXPECT_EQ(out.records[1].frame.ts_ns, 5000001000);
  EXPECT_EQ(out.records[2].frame.link_type, decode::LinkType::Raw);
  EXPECT_EQ(out.records[2].frame.interface_id, 2u);  // third interface of the file
  EXPECT_EQ(out.records[2].frame.ts_ns, 7000000000);
  EXPECT_EQ(out.interfaces.size(), 3u);
}

TEST(PcapngReader, PacketNamingAnInterfaceOfAnotherSectionIsDamage) {
  PcapngBuilder f;
  f.section().interface({}).interface({}).section();
  const std::size_t epb_at = f.size();
  f.interface({}).epb(1, 0, counting_bytes(20));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "packet block names interface 1, which was not described at byte " +
                                      std::to_string(epb_at + 20 + 8) + ", after 0 packets");
}

TEST(PcapngReader, SimplePacketBlockUsesTheFirstInterfaceAndItsSnaplen) {
  PcapngBuilder f;
  f.section().interface({.link_type = 1, .snaplen = 64}).spb(counting_bytes(100)).spb(counting_bytes(10), 10);
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  ASSERT_EQ(out.records.size(), 2u);
  EXPECT_EQ(out.records[0].frame.bytes.size(), 64u);  // cut to the snaplen
  EXPECT_EQ(out.records[0].frame.wire_len, 100u);
  EXPECT_EQ(out.records[0].frame.ts_ns, 0);           // simple blocks have no timestamp
  EXPECT_EQ(text(out.records[1].frame.bytes), text(counting_bytes(10)));
}

TEST(PcapngReader, SimplePacketBlockBeforeAnyInterfaceIsDamage) {
  PcapngBuilder f;
  f.section().spb(counting_bytes(10));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "simple packet block before any interface description at byte 28, after 0 packets");
}

TEST(PcapngReader, ObsoletePacketBlockIsAPacket) {
  PcapngBuilder f;
  f.section().interface({.link_type = 1}).interface({.link_type = 101}).packet_block(1, 2000000, counting_bytes(25));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(out.records[0].frame.link_type, decode::LinkType::Raw);
  EXPECT_EQ(out.records[0].frame.ts_ns, 2000000000);
  EXPECT_EQ(out.records[0].frame.bytes.size(), 25u);
}

TEST(PcapngReader, CustomBlocksAreRecordsOfTheirOwnKind) {
  const std::string journal = "socket-event";
  PcapngBuilder f;
  f.section().interface({}).epb(0, 1, counting_bytes(20));
  const std::size_t custom_at = f.size();
  f.custom(32473, as_bytes(journal)).custom(99, as_bytes("x"), /*no_copy=*/true).epb(0, 2, counting_bytes(20));
  const auto bytes = f.bytes();
  auto reader = CaptureReader::open(bytes);
  ASSERT_TRUE(reader);
  std::vector<Record> recs;
  Record rec;
  while (reader->next(rec) == ReadStatus::Ok) recs.push_back(rec);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(reader->packets_read(), 2u);  // custom blocks are not packets
  EXPECT_EQ(recs[1].kind, Record::Kind::Custom);
  EXPECT_EQ(recs[1].custom.pen, 32473u);
  EXPECT_EQ(recs[1].custom.file_offset, custom_at);
  // The body is padded to 4 bytes; the journal's own encoding says how long its record is.
  EXPECT_EQ(text(recs[1].custom.data).substr(0, journal.size()), journal);
  EXPECT_EQ(recs[1].custom.data.size(), 12u);
  EXPECT_EQ(recs[2].kind, Record::Kind::Custom);
  EXPECT_EQ(recs[2].custom.pen, 99u);
  EXPECT_EQ(recs[3].kind, Record::Kind::Packet);
}

TEST(PcapngReader, BlocksWirelabDoesNotUseAreSkipped) {
  PcapngBuilder f;
  f.section().interface({});
  f.block(4, counting_bytes(12));           // name resolution
  f.block(5, counting_bytes(20));           // interface statistics
  f.block(0x0000000a, counting_bytes(16));  // decryption secrets
  f.block(0x12345678, {});                  // unknown
  f.epb(0, 1, counting_bytes(20));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  EXPECT_EQ(out.packets(), 1u);
}

TEST(PcapngReader, VersionOnePointTwoIsReadLikeOnePointZero) {
  PcapngBuilder f;
  f.section({.minor = 2}).interface({}).epb(0, 1, counting_bytes(20));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_FALSE(out.error) << out.error->message();
  EXPECT_EQ(out.packets(), 1u);
}

TEST(PcapngReader, UnknownVersionsAreRefused) {
  for (auto [major, minor] : {std::pair{0, 1}, std::pair{1, 1}, std::pair{2, 0}}) {
    PcapngBuilder f;
    f.section({.major = static_cast<std::uint16_t>(major), .minor = static_cast<std::uint16_t>(minor)}).interface({});
    const auto bytes = f.bytes();
  const auto out = read_all(bytes);
    ASSERT_TRUE(out.error);
    EXPECT_EQ(out.error->message(), "unsupported pcapng version " + std::to_string(major) + "." + std::to_string(minor) +
                                        " (wirelab reads 1.0 and 1.2) at byte 0");
  }
}

TEST(PcapngReader, UnknownVersionInALaterSectionStopsThereAfterItsPackets) {
  PcapngBuilder f;
  f.section().interface({}).epb(0, 1, counting_bytes(20)).epb(0, 2, counting_bytes(20));
  const std::size_t second = f.size();
  f.section({.major = 2}).interface({}).epb(0, 3, counting_bytes(20));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  EXPECT_EQ(out.packets(), 2u);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "unsupported pcapng version 2.0 (wirelab reads 1.0 and 1.2) at byte " +
                                      std::to_string(second) + ", after 2 packets");
}

TEST(PcapngReader, TruncatedSectionHeader) {
  PcapngBuilder f;
  f.section();
  for (std::size_t n = 4; n < kShbLen; ++n) {
    auto bytes = f.bytes();
    bytes.resize(n);
    const auto out = read_all(bytes);
    ASSERT_TRUE(out.error) << n;
    EXPECT_EQ(out.error->message(), "truncated pcapng section header: needs 28 bytes, " + std::to_string(n) + " present at byte 0");
  }
}

TEST(PcapngReader, SectionHeaderWithoutByteOrderMagic) {
  PcapngBuilder f;
  f.section();
  auto bytes = f.bytes();
  bytes[8] = std::byte{0};
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "pcapng section header has no valid byte-order magic at byte 0");
}

TEST(PcapngReader, BlockLengthNotAMultipleOfFour) {
  PcapngBuilder f;
  f.section().interface({}).epb(0, 1, counting_bytes(20));
  const std::size_t bad_at = f.size();
  f.u32(6).u32(33).raw(counting_bytes(40));
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  EXPECT_EQ(out.packets(), 1u);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "pcapng block of type 6 has an invalid length 33 (must be a multiple of 4, at least 12) at byte " +
                                      std::to_string(bad_at) + ", after 1 packet");
}

TEST(PcapngReader, BlockOverrunningTheFileIsTruncation) {
  PcapngBuilder f;
  f.section().interface({}).epb(0, 1, counting_bytes(20)).epb(0, 2, counting_bytes(20));
  const std::size_t bad_at = f.size();
  f.epb(0, 3, counting_bytes(200));
  auto bytes = f.bytes();
  bytes.resize(bad_at + 100);
  const auto out = read_all(bytes);
  EXPECT_EQ(out.packets(), 2u);  // everything before the damage
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "truncated pcapng block: its header claims 232 bytes, 100 remain at byte " +
                                      std::to_string(bad_at) + ", after 2 packets");
}

TEST(PcapngReader, EveryCutPointDeliversThePacketsBeforeTheDamage) {
  PcapngBuilder f;
  f.section().interface({});
  std::vector<std::size_t> ends;
  for (int i = 0; i < 3; ++i) {
    f.epb(0, static_cast<std::uint64_t>(i), counting_bytes(static_cast<std::size_t>(20 + 8 * i)));
    ends.push_back(f.size());
  }
  const auto full = f.bytes();
  for (std::size_t cut = ends[0] - 1; cut < full.size(); ++cut) {
    const std::vector<std::byte> bytes(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(cut));
    const auto out = read_all(bytes);
    std::size_t complete = 0;
    while (complete < ends.size() && ends[complete] <= cut) ++complete;
    EXPECT_EQ(out.packets(), complete) << "cut at " << cut;
    const bool on_boundary = complete > 0 && ends[complete - 1] == cut;
    EXPECT_EQ(out.error.has_value(), !on_boundary) << "cut at " << cut;
    if (out.error) {
      EXPECT_EQ(out.error->packets_before, complete) << "cut at " << cut;
    }
  }
}

TEST(PcapngReader, TruncatedBlockHeader) {
  PcapngBuilder f;
  f.section().interface({});
  const std::size_t at = f.size();
  f.u32(6).u32(32);
  const auto bytes = f.bytes();
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "truncated pcapng block header: needs 12 bytes, 8 remain at byte " + std::to_string(at) +
                                      ", after 0 packets");
}

TEST(PcapngReader, BlockLengthsAtStartAndEndMustAgree) {
  PcapngBuilder f;
  f.section().interface({});
  const std::size_t at = f.size();
  f.epb(0, 1, counting_bytes(20));
  auto bytes = f.bytes();
  bytes[bytes.size() - 4] = std::byte{0x99};
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "pcapng block of type 6 has different lengths at its start (52) and end (153) at byte " +
                                      std::to_string(at) + ", after 0 packets");
}

TEST(PcapngReader, PacketClaimingMoreBytesThanItsBlockHolds) {
  PcapngBuilder f;
  f.section().interface({});
  const std::size_t at = f.size();
  f.epb(0, 1, counting_bytes(20));
  auto bytes = f.bytes();
  bytes[at + 20] = std::byte{200};  // captured length 20 -> 200
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "packet block claims 200 captured bytes, its block holds 20 at byte " +
                                      std::to_string(at + 20) + ", after 0 packets");
}

TEST(PcapngReader, InterfaceOptionOverrunningItsBlock) {
  PcapngBuilder f;
  f.section();
  const std::size_t at = f.size();
  f.interface({.name = "eth0"});
  auto bytes = f.bytes();
  bytes[at + 18] = std::byte{0xf0};  // if_name length 4 -> 240
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "interface option 2 overruns its block at byte " + std::to_string(at + 16) +
                                      ", after 0 packets");
}

TEST(PcapngReader, SectionHeaderOptionTooLong) {
  PcapngBuilder f;
  f.section();
  auto bytes = f.bytes();
  // Give the section an option whose length runs past the block (as shb-option-too-long does).
  const std::vector<std::byte> option = {std::byte{1}, std::byte{0}, std::byte{0x30}, std::byte{0x30}};
  bytes.insert(bytes.begin() + 24, option.begin(), option.end());
  bytes[4] = std::byte{32};
  bytes[28] = std::byte{32};
  const auto out = read_all(bytes);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message(), "pcapng section header option 1 claims 12336 bytes, more than its block holds at byte 24");
}

}  // namespace
}  // namespace wirelab::capture
