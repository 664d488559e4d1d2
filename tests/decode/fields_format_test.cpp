// Field values print exactly as `tshark -T fields` prints them.
#include <gtest/gtest.h>

#include <set>

#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::FieldDef;
using decode::FieldType;
using decode::FieldValue;

std::string format(FieldType type, const FieldValue& v, std::uint8_t hex_digits = 0) {
  const FieldDef def{.name = "x", .type = type, .hex_digits = hex_digits};
  std::string out;
  decode::format_value(def, v, out);
  return out;
}

TEST(FieldsFormat, Scalars) {
  EXPECT_EQ(format(FieldType::UInt, {.u = 4294967295u}), "4294967295");
  EXPECT_EQ(format(FieldType::Hex, {.u = 0x12}, 4), "0x0012");
  EXPECT_EQ(format(FieldType::Hex, {.u = 0x2}, 2), "0x02");
  EXPECT_EQ(format(FieldType::Bool, {.u = 1}), "1");
  EXPECT_EQ(format(FieldType::Bool, {.u = 0}), "0");
  EXPECT_EQ(format(FieldType::Ipv4, {.u = ip4(192, 168, 1, 254)}), "192.168.1.254");
  EXPECT_EQ(format(FieldType::RelTime, {.u = 1500000001}), "1.500000001");
}

TEST(FieldsFormat, MacWithColonsAndBytesWithout) {
  const std::vector<std::byte> b{std::byte{0x00}, std::byte{0x1f}, std::byte{0xAB}, std::byte{0xcd},
                                 std::byte{0x2e}, std::byte{0xff}};
  EXPECT_EQ(format(FieldType::Mac, {.bytes = Bytes(b)}), "00:1f:ab:cd:2e:ff");
  EXPECT_EQ(format(FieldType::Bytes, {.bytes = Bytes(b)}), "001fabcd2eff");
}

TEST(FieldsFormat, Ipv6FollowsRfc5952) {
  const auto text = [](std::initializer_list<unsigned> groups) {
    ByteWriter w;
    for (unsigned g : groups) w.u16(g);
    const auto b = w.take();
    return format(FieldType::Ipv6, {.bytes = Bytes(b)});
  };
  EXPECT_EQ(text({0xfe80, 0, 0, 0, 0x68d3, 0x1235, 0xd068, 0x1f9e}), "fe80::68d3:1235:d068:1f9e");
  EXPECT_EQ(text({0, 0, 0, 0, 0, 0, 0, 1}), "::1");
  EXPECT_EQ(text({0, 0, 0, 0, 0, 0, 0, 0}), "::");
  EXPECT_EQ(text({0x2001, 0xdb8, 0, 1, 0, 0, 0, 1}), "2001:db8:0:1::1") << "a single zero group stays";
  EXPECT_EQ(text({0x2001, 0, 0, 1, 0, 0, 0, 0}), "2001:0:0:1::") << "the longest zero run is compressed";
  EXPECT_EQ(text({0xff02, 0, 0, 0, 0, 0, 1, 6}), "ff02::1:6");
}

TEST(FieldsFormat, OccurrencesAreCommaJoined) {
  Dissected d;
  d.add(concat({eth(0x0800), ipv4({}, tcp(1, 2, 0, 0, 0x012))}));
  EXPECT_EQ(d.field("tcp.port"), "1,2");
  EXPECT_EQ(d.field("ip.addr"), "10.0.0.1,10.0.0.2");
  EXPECT_EQ(d.field("tcp.flags"), "0x0012");
  EXPECT_EQ(d.field("frame.len"), "54");
  EXPECT_EQ(d.field("frame.cap_len"), "54");
}

TEST(FieldsFormat, EveryRegisteredFieldHasAUniqueWiresharkStyleName) {
  std::set<std::string_view> seen;
  for (const FieldDef& f : decode::FieldRegistry::instance().all()) {
    EXPECT_TRUE(seen.insert(f.name).second) << "duplicate field " << f.name;
    EXPECT_NE(f.extract, nullptr) << f.name;
    EXPECT_EQ(f.name.find(' '), std::string_view::npos) << f.name;
  }
}

}  // namespace
}  // namespace wirelab::test
