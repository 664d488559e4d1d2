#include "servers/tftp_packet.hpp"

#include <gtest/gtest.h>

namespace wirelab::servers {
namespace {

Bytes view(const std::vector<std::byte>& v) { return {v.data(), v.size()}; }

TEST(TftpPacket, RequestWithOptionsRoundTrips) {
  const auto bytes = tftp_request(TftpOpcode::Rrq, "dir/file.bin", "OCTET", {{"blksize", "1024"}, {"tsize", "0"}});
  // opcode 1, then NUL-terminated strings.
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes[0], std::byte{0});
  EXPECT_EQ(bytes[1], std::byte{1});
  auto p = parse_tftp(view(bytes));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->opcode, TftpOpcode::Rrq);
  EXPECT_EQ(p->filename, "dir/file.bin");
  EXPECT_EQ(p->mode, "octet") << "mode is case-insensitive, kept lower-case";
  ASSERT_EQ(p->options.size(), 2u);
  EXPECT_EQ(p->options[0].name, "blksize");
  EXPECT_EQ(p->options[0].value, "1024");
  EXPECT_EQ(p->options[1].name, "tsize");
}

TEST(TftpPacket, DataAckErrorOackRoundTrip) {
  const std::string payload = "abc";
  const auto data = tftp_data(65535, as_bytes(payload));  // DATA views into these bytes
  auto d = parse_tftp(view(data));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->opcode, TftpOpcode::Data);
  EXPECT_EQ(d->block, 65535);
  EXPECT_EQ(as_chars(d->data), "abc");
  auto a = parse_tftp(view(tftp_ack(0)));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->opcode, TftpOpcode::Ack);
  EXPECT_EQ(a->block, 0);
  auto e = parse_tftp(view(tftp_error(TftpErrorCode::FileExists, "there already")));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->error, TftpErrorCode::FileExists);
  EXPECT_EQ(e->message, "there already");
  auto o = parse_tftp(view(tftp_oack({{"windowsize", "4"}})));
  ASSERT_TRUE(o);
  EXPECT_EQ(o->opcode, TftpOpcode::Oack);
  ASSERT_EQ(o->options.size(), 1u);
  EXPECT_EQ(o->options[0].value, "4");
}

TEST(TftpPacket, TruncatedAndMalformedPacketsAreErrorsThatSayWhat) {
  const std::vector<std::byte> one{std::byte{0}};
  auto r = parse_tftp(view(one));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("opcode"), std::string::npos);

  const std::vector<std::byte> ack_short{std::byte{0}, std::byte{4}, std::byte{1}};
  r = parse_tftp(view(ack_short));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("block number"), std::string::npos);

  const std::vector<std::byte> bad_op{std::byte{0}, std::byte{9}};
  r = parse_tftp(view(bad_op));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("unknown TFTP opcode 9"), std::string::npos);

  auto no_nul = tftp_request(TftpOpcode::Wrq, "f", "octet");
  no_nul.pop_back();  // mode loses its terminator
  r = parse_tftp(view(no_nul));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("mode"), std::string::npos);

  auto dangling = tftp_request(TftpOpcode::Rrq, "f", "octet", {{"blksize", "512"}});
  dangling.resize(dangling.size() - 4);  // "512\0" gone: option without value
  r = parse_tftp(view(dangling));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("blksize"), std::string::npos);
}

TEST(TftpPacket, ErrorCodeNames) {
  EXPECT_EQ(to_string(TftpErrorCode::AccessViolation), "Access violation");
  EXPECT_EQ(to_string(TftpErrorCode::UnknownTransferId), "Unknown transfer ID");
  EXPECT_EQ(to_string(static_cast<TftpErrorCode>(42)), "unknown (42)");
}

}  // namespace
}  // namespace wirelab::servers
