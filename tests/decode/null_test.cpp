// BSD loopback (LINKTYPE_NULL / LINKTYPE_LOOP): the address family in either byte order.
#include <gtest/gtest.h>

#include "decode/null_loopback.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::LinkType;

std::vector<std::byte> family_le(std::uint32_t f) {
  ByteWriter w;
  w.u8(f & 0xff).u8((f >> 8) & 0xff).u8((f >> 16) & 0xff).u8(f >> 24);
  return w.take();
}
std::vector<std::byte> family_be(std::uint32_t f) {
  ByteWriter w;
  w.u32(f);
  return w.take();
}

std::vector<std::byte> ipv6_udp() {
  ByteWriter w;
  w.u32(0x60000000).u16(8).u8(17).u8(64).zeros(15).u8(1).zeros(15).u8(1);
  return concat({w.take(), udp(1, 2, {})});
}

TEST(Null, FamilyInEitherByteOrder) {
  Dissected d;
  d.add(concat({family_le(2), ipv4({.protocol = 17}, udp(1, 2, {}))}), LinkType::Null);
  EXPECT_EQ(d.protocols(), "null:ip:udp");
  EXPECT_EQ(d.field("null.family"), "2");
  d.add(concat({family_be(2), ipv4({.protocol = 17}, udp(1, 2, {}))}), LinkType::Null);
  EXPECT_EQ(d.protocols(), "null:ip:udp");
  EXPECT_EQ(d.field("null.family"), "2");
}

TEST(Null, BsdIpv6Families) {
  for (std::uint32_t f : {24u, 28u, 30u}) {
    Dissected d;
    d.add(concat({family_le(f), ipv6_udp()}), LinkType::Null);
    EXPECT_EQ(d.protocols(), "null:ipv6:udp") << f;
    d.add(concat({family_be(f), ipv6_udp()}), LinkType::Loop);
    EXPECT_EQ(d.protocols(), "null:ipv6:udp") << f;
  }
}

TEST(Null, UnknownFamilyIsData) {
  Dissected d;
  d.add(concat({family_le(99), std::vector<std::byte>(3)}), LinkType::Null);
  EXPECT_EQ(d.protocols(), "null:data");
}

TEST(Null, TruncationSweep) {
  for (std::size_t n = 0; n < decode::NullView::kHeaderLen; ++n) {
    Dissected d;
    const auto& p = d.add(std::vector<std::byte>(n), LinkType::Null);
    ASSERT_TRUE(p.problem);
    EXPECT_EQ(p.problem->layer, decode::Proto::Null);
    EXPECT_EQ(p.problem->kind, decode::ErrorKind::Truncated);
    EXPECT_EQ(p.problem->offset, 0u);
    EXPECT_EQ(p.problem->required, 4u);
    EXPECT_EQ(p.problem->available, n);
  }
}

}  // namespace
}  // namespace wirelab::test
