// End-to-end TFTP: our server and our client over real loopback sockets.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "servers/tftp_client.hpp"
#include "servers/tftp_netascii.hpp"
#include "servers/tftp_server.hpp"
#include "tftp_support.hpp"

namespace wirelab::servers {
namespace {

using testing::pattern_bytes;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

class TftpTransferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "root");
    std::filesystem::create_directories(dir_.path() / "local");
  }
  void start(TftpServerConfig config = {}) {
    config.root = dir_ / "root";
    server_.emplace(&journal_, std::move(config));
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    addr_ = {.ip = kLoopback, .port = *port};
  }
  std::string root(const std::string& name) const { return dir_ / ("root/" + name); }
  std::string local(const std::string& name) const { return dir_ / ("local/" + name); }

  TempDir dir_;
  Journal journal_;
  std::optional<TftpServer> server_;
  SockAddr addr_;
};

TEST_F(TftpTransferTest, GetOctetIsByteExactAndServedFromANewPort) {
  start();
  const std::string content = pattern_bytes(100'000);
  write_file(root("blob.bin"), content);
  TftpClient client(&journal_, {.actor = "client 1"});
  const auto r = client.get(addr_, "blob.bin", local("blob.bin"));
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_EQ(read_file(local("blob.bin")), content);
  EXPECT_EQ(r.stats.blocks, 100'000u / 512 + 1);
  EXPECT_EQ(r.stats.bytes, 100'000u);
  // The TID rule: the answer came from another port than the one the request went to.
  EXPECT_NE(r.server_tid.port, addr_.port);
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  const auto t = server_->transfers().at(0);
  EXPECT_EQ(t.server_port, r.server_tid.port);
  EXPECT_EQ(t.client.port, r.client_tid.port);
  EXPECT_FALSE(t.failure.has_value());
  EXPECT_EQ(t.stats.blocks, r.stats.blocks);
}

TEST_F(TftpTransferTest, AFileThatFillsItsLastBlockEndsWithAnEmptyDataBlock) {
  start();
  const std::string content = pattern_bytes(1024);
  write_file(root("two-blocks"), content);
  TftpClient client(&journal_, {});
  const auto r = client.get(addr_, "two-blocks", local("two-blocks"));
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_EQ(read_file(local("two-blocks")), content);
  EXPECT_EQ(r.stats.blocks, 3u) << "512 + 512 + 0";
}

TEST_F(TftpTransferTest, GetAndPutNetasciiRestoreTheLocalText) {
  start();
  std::string text;
  for (int i = 0; i < 300; ++i) text += "line " + std::to_string(i) + (i % 7 == 0 ? "\r bare cr\n" : "\n");
  write_file(root("notes.txt"), text);
  TftpClient client(&journal_, {.mode = "netascii"});
  const auto got = client.get(addr_, "notes.txt", local("notes.txt"));
  ASSERT_TRUE(got.ok()) << got.failure->message;
  EXPECT_EQ(read_file(local("notes.txt")), text);
  EXPECT_EQ(got.stats.bytes, netascii_encoded_size(as_bytes(text))) << "the wire carries CR LF / CR NUL";

  const auto put = client.put(addr_, local("notes.txt"), "notes-copy.txt");
  ASSERT_TRUE(put.ok()) << put.failure->message;
  ASSERT_TRUE(server_->wait_finished(2, std::chrono::seconds(5)));
  EXPECT_EQ(read_file(root("notes-copy.txt")), text);
}

TEST_F(TftpTransferTest, PutOctetIsByteExact) {
  start();
  const std::string content = pattern_bytes(70'001, 7);
  write_file(local("up.bin"), content);
  TftpClient client(&journal_, {.actor = "client 1"});
  const auto r = client.put(addr_, local("up.bin"), "up.bin");
  ASSERT_TRUE(r.ok()) << r.failure->message;
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  EXPECT_EQ(read_file(root("up.bin")), content);
  EXPECT_EQ(server_->transfers().at(0).request, TftpOpcode::Wrq);
}

TEST_F(TftpTransferTest, OptionsAreNegotiatedAndUsed) {
  start();
  const std::string content = pattern_bytes(50'000, 3);
  write_file(root("opt.bin"), content);
  TftpClientConfig config;
  config.options = {.blksize = 1428, .timeout_s = 2, .tsize = true, .windowsize = 8};
  TftpClient client(&journal_, config);
  const auto r = client.get(addr_, "opt.bin", local("opt.bin"));
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_EQ(read_file(local("opt.bin")), content);
  ASSERT_EQ(r.oack.size(), 4u);
  EXPECT_EQ(r.params.blksize, 1428u);
  EXPECT_EQ(r.params.timeout_ms, 2000);
  EXPECT_EQ(r.params.windowsize, 8);
  ASSERT_TRUE(r.tsize.has_value());
  EXPECT_EQ(*r.tsize, 50'000u);
  EXPECT_EQ(r.stats.blocks, 50'000u / 1428 + 1);

  // WRQ: the server echoes the announced tsize and uses the negotiated block size.
  const auto put = client.put(addr_, local("opt.bin"), "opt-up.bin");
  ASSERT_TRUE(put.ok()) << put.failure->message;
  ASSERT_TRUE(put.tsize.has_value());
  EXPECT_EQ(*put.tsize, 50'000u);
  ASSERT_TRUE(server_->wait_finished(2, std::chrono::seconds(5)));
  EXPECT_EQ(read_file(root("opt-up.bin")), content);
  EXPECT_EQ(server_->transfers().at(1).params.blksize, 1428u);
}

TEST_F(TftpTransferTest, ServerLimitsShrinkTheOfferAndAPlainServerIgnoresOptions) {
  TftpServerConfig config;
  config.limits.max_blksize = 1024;
  config.limits.max_windowsize = 2;
  start(config);
  write_file(root("f"), pattern_bytes(5000));
  TftpClientConfig cc;
  cc.options = {.blksize = 8192, .windowsize = 16};
  const auto r = TftpClient(&journal_, cc).get(addr_, "f", local("f"));
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_EQ(r.params.blksize, 1024u);
  EXPECT_EQ(r.params.windowsize, 2);

  server_->stop();
  TftpServerConfig plain;
  plain.limits.accept_options = false;
  start(plain);
  const auto p = TftpClient(&journal_, cc).get(addr_, "f", local("f2"));
  ASSERT_TRUE(p.ok()) << p.failure->message;
  EXPECT_TRUE(p.oack.empty());
  EXPECT_EQ(p.params.blksize, 512u) << "RFC 1350 fallback when no OACK comes";
  EXPECT_EQ(read_file(local("f2")), pattern_bytes(5000));
}

TEST_F(TftpTransferTest, BlockNumbersWrapPast65535AndTheTransferCompletes) {
  start();
  const std::size_t size = 600'000;  // blksize 8: 75,001 blocks
  const std::string content = pattern_bytes(size, 9);
  write_file(root("big.bin"), content);
  TftpClientConfig config;
  config.options = {.blksize = 8};
  TftpClient client(nullptr, config);  // unjournaled: 150,000 packets need no event each here
  const auto r = client.get(addr_, "big.bin", local("big.bin"));
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_EQ(r.stats.blocks, size / 8 + 1);
  EXPECT_GT(r.stats.blocks, 65535u);
  EXPECT_EQ(r.stats.wraps, 1u);
  EXPECT_EQ(r.stats.bytes, size);
  EXPECT_EQ(std::filesystem::file_size(local("big.bin")), size);
  EXPECT_EQ(read_file(local("big.bin")), content);
}

TEST_F(TftpTransferTest, ErrorsCarryTheRightCodes) {
  start();
  write_file(root("exists.txt"), "keep me");
  write_file(dir_ / "secret.txt", "secret");
  std::filesystem::create_symlink(dir_ / "secret.txt", dir_.path() / "root" / "link-out");
  write_file(local("up.txt"), "new content");
  TftpClient client(&journal_, {});
  struct Case {
    const char* name;
    TftpErrorCode code;
  };
  for (const Case& c : {Case{"missing.txt", TftpErrorCode::FileNotFound}, Case{"../etc/passwd", TftpErrorCode::AccessViolation},
                        Case{"/etc/passwd", TftpErrorCode::AccessViolation}, Case{"link-out", TftpErrorCode::AccessViolation}}) {
    const auto r = client.get(addr_, c.name, local("x"));
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_TRUE(r.failure->from_peer) << c.name;
    EXPECT_EQ(r.failure->code, c.code) << c.name << ": " << r.failure->message;
    EXPECT_FALSE(std::filesystem::exists(local("x"))) << "a failed get leaves no file";
  }
  const auto put = client.put(addr_, local("up.txt"), "exists.txt");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.failure->code, TftpErrorCode::FileExists);
  EXPECT_EQ(read_file(root("exists.txt")), "keep me");
  const auto escape = client.put(addr_, local("up.txt"), "../escaped.txt");
  ASSERT_FALSE(escape.ok());
  EXPECT_EQ(escape.failure->code, TftpErrorCode::AccessViolation);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "escaped.txt"));
}

TEST_F(TftpTransferTest, OverwriteOnlyWhenConfiguredAndWritesCanBeDisabled) {
  TftpServerConfig config;
  config.allow_overwrite = true;
  start(config);
  write_file(root("exists.txt"), "old");
  write_file(local("up.txt"), "new content");
  TftpClient client(&journal_, {});
  const auto put = client.put(addr_, local("up.txt"), "exists.txt");
  ASSERT_TRUE(put.ok()) << put.failure->message;
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  EXPECT_EQ(read_file(root("exists.txt")), "new content");

  server_->stop();
  TftpServerConfig read_only;
  read_only.allow_write = false;
  start(read_only);
  const auto refused = client.put(addr_, local("up.txt"), "other.txt");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.failure->code, TftpErrorCode::AccessViolation);
  EXPECT_FALSE(std::filesystem::exists(root("other.txt")));
}

TEST_F(TftpTransferTest, UnsupportedModeIsAnIllegalOperation) {
  start();
  write_file(root("f"), "x");
  const auto r = TftpClient(&journal_, {.mode = "mail"}).get(addr_, "f", local("f"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->code, TftpErrorCode::IllegalOperation);
}

TEST_F(TftpTransferTest, ServerRetransmitsAfterTheClientDropsAnAck) {
  TftpServerConfig config;
  config.defaults.timeout_ms = 200;
  start(config);
  const std::string content = pattern_bytes(10 * 512 + 100);
  write_file(root("f"), content);
  TftpClientConfig cc;
  cc.defaults.timeout_ms = 2000;  // the server's 200 ms timer must fire first
  cc.loss.skip_ack_of_block = 4;
  const auto r = TftpClient(&journal_, cc).get(addr_, "f", local("f"));
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_EQ(read_file(local("f")), content);
  EXPECT_EQ(r.stats.skipped_by_simulation, 1u);
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  const auto t = server_->transfers().at(0);
  EXPECT_GE(t.stats.retransmissions, 1u) << "DATA 4 sent again after the timeout";
}

TEST_F(TftpTransferTest, ClientRetransmitsAfterItDropsADataBlockOnPut) {
  TftpServerConfig config;
  config.defaults.timeout_ms = 2000;  // the client's 200 ms timer must fire first
  start(config);
  const std::string content = pattern_bytes(6 * 512 + 3);
  write_file(local("f"), content);
  TftpClientConfig cc;
  cc.defaults.timeout_ms = 200;
  cc.loss.skip_data_block = 2;
  const auto r = TftpClient(&journal_, cc).put(addr_, local("f"), "f");
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_GE(r.stats.retransmissions, 1u);
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  EXPECT_EQ(read_file(root("f")), content);
}

TEST_F(TftpTransferTest, AGapInsideAWindowIsResentFromTheLastAcknowledgedBlock) {
  start();
  const std::string content = pattern_bytes(40 * 512 + 17, 5);
  write_file(local("w"), content);
  TftpClientConfig cc;
  cc.options = {.windowsize = 4};
  cc.defaults.timeout_ms = 2000;  // the gap must be repaired by the receiver's ACK, not a timeout
  cc.loss.skip_data_block = 6;
  const auto r = TftpClient(&journal_, cc).put(addr_, local("w"), "w");
  ASSERT_TRUE(r.ok()) << r.failure->message;
  EXPECT_EQ(r.params.windowsize, 4);
  EXPECT_GE(r.stats.retransmissions, 1u);
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  EXPECT_EQ(read_file(root("w")), content);
}

TEST_F(TftpTransferTest, ClientGivesUpWithAClearMessageWhenNobodyAnswers) {
  auto silent = DatagramSocket::open_udp(&journal_, "silent");
  ASSERT_TRUE(silent);
  auto bound = silent->bind({.ip = kLoopback, .port = 0});
  ASSERT_TRUE(bound);
  TftpClientConfig cc;
  cc.defaults.timeout_ms = 30;
  cc.defaults.max_retries = 2;
  const auto r = TftpClient(&journal_, cc).get(*bound, "f", local("f"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.failure->message.find("no answer"), std::string::npos) << r.failure->message;
  EXPECT_EQ(r.stats.retransmissions, 2u);
}

}  // namespace
}  // namespace wirelab::servers
