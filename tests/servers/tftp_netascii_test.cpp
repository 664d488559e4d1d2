#include "servers/tftp_netascii.hpp"

#include <gtest/gtest.h>

#include <string>

namespace wirelab::servers {
namespace {

std::string encode(const std::string& s) {
  std::vector<std::byte> out;
  netascii_encode(as_bytes(s), out);
  return std::string(as_chars(Bytes(out.data(), out.size())));
}

TEST(TftpNetascii, LfBecomesCrLfAndLoneCrBecomesCrNul) {
  EXPECT_EQ(encode("a\nb"), std::string("a\r\nb"));
  EXPECT_EQ(encode("a\rb"), std::string("a\r\0b", 4));
  EXPECT_EQ(netascii_encoded_size(as_bytes(std::string("x\n\r\n"))), 7u);
}

TEST(TftpNetascii, DecodingUndoesEncodingEvenWhenCrEndsABlock) {
  const std::string local = std::string("line1\nline2\r\nbare\rcr\n\n", 22);
  const std::string wire = encode(local);
  // Split the wire form at every position: the decoder must carry a trailing CR across.
  for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
    NetasciiDecoder d;
    std::vector<std::byte> out;
    d.decode(as_bytes(std::string_view(wire).substr(0, cut)), out);
    d.decode(as_bytes(std::string_view(wire).substr(cut)), out);
    d.finish(out);
    EXPECT_EQ(as_chars(Bytes(out.data(), out.size())), local) << "cut at " << cut;
  }
}

TEST(TftpNetascii, TrailingLoneCrIsKept) {
  NetasciiDecoder d;
  std::vector<std::byte> out;
  d.decode(as_bytes(std::string("end\r")), out);
  d.finish(out);
  EXPECT_EQ(as_chars(Bytes(out.data(), out.size())), "end\r");
}

}  // namespace
}  // namespace wirelab::servers
