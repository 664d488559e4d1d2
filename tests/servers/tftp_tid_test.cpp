// The protocol rules seen packet by packet: the test plays one side by hand with plain UDP
// sockets, so it can do what a well-behaved peer never would.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "servers/tftp_client.hpp"
#include "servers/tftp_server.hpp"
#include "tftp_support.hpp"

namespace wirelab::servers {
namespace {

using testing::pattern_bytes;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// A hand-driven UDP endpoint.
struct Hand {
  DatagramSocket socket;
  std::vector<std::byte> buf = std::vector<std::byte>(65536);
  DatagramReceive last;

  static Hand open(Journal* j, std::string actor) {
    auto s = DatagramSocket::open_udp(j, std::move(actor));
    if (!s || !s->bind({.ip = kLoopback, .port = 0})) throw std::runtime_error("cannot open a test socket");
    return Hand{std::move(*s)};
  }
  void send(const std::vector<std::byte>& packet, SockAddr to) { socket.send_to(packet, to); }
  // The next packet within timeout_ms, parsed; nullopt on timeout.
  std::optional<TftpPacket> next(int timeout_ms = 1000) {
    last = socket.receive(buf, timeout_ms);
    if (last.status != DatagramReceive::Status::Data) return std::nullopt;
    auto p = parse_tftp(Bytes(buf.data(), last.size));
    if (!p) return std::nullopt;
    return std::move(*p);
  }
};

class TftpTidTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "root");
    write_file(dir_ / "root/three", content_);
    TftpServerConfig config;
    config.root = dir_ / "root";
    config.defaults.timeout_ms = 1000;
    server_.emplace(&journal_, config);
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    addr_ = {.ip = kLoopback, .port = *port};
  }

  TempDir dir_;
  Journal journal_;
  std::optional<TftpServer> server_;
  SockAddr addr_;
  const std::string content_ = pattern_bytes(2 * 512 + 10);  // DATA 1, 2 full, 3 short
};

TEST_F(TftpTidTest, PacketFromAWrongTidGetsError5AndTheTransferGoesOn) {
  Hand client = Hand::open(&journal_, "client 1");
  Hand intruder = Hand::open(&journal_, "intruder");
  client.send(tftp_request(TftpOpcode::Rrq, "three", "octet"), addr_);
  auto d1 = client.next();
  ASSERT_TRUE(d1 && d1->opcode == TftpOpcode::Data && d1->block == 1);
  const SockAddr tid = client.last.from;
  ASSERT_NE(tid.port, addr_.port) << "DATA comes from the transfer's own port";

  intruder.send(tftp_ack(1), tid);  // someone else writes to the transfer port
  auto err = intruder.next();
  ASSERT_TRUE(err.has_value()) << "the intruder gets an answer";
  EXPECT_EQ(err->opcode, TftpOpcode::Error);
  EXPECT_EQ(err->error, TftpErrorCode::UnknownTransferId);
  EXPECT_TRUE(same_endpoint(intruder.last.from, tid));

  std::string received(as_chars(d1->data));
  for (std::uint16_t block = 1;; ++block) {
    client.send(tftp_ack(block), tid);
    if (block == 3) break;
    auto d = client.next();
    ASSERT_TRUE(d && d->opcode == TftpOpcode::Data) << "the transfer continues after the intrusion";
    EXPECT_EQ(d->block, block + 1);
    received += as_chars(d->data);
  }
  EXPECT_EQ(received, content_);
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  const auto t = server_->transfers().at(0);
  EXPECT_FALSE(t.failure.has_value());
  EXPECT_EQ(t.stats.wrong_tid, 1u);
}

TEST_F(TftpTidTest, DuplicateAckDoesNotTriggerAResend) {  // the Sorcerer's Apprentice rule
  Hand client = Hand::open(&journal_, "client 1");
  client.send(tftp_request(TftpOpcode::Rrq, "three", "octet"), addr_);
  auto d1 = client.next();
  ASSERT_TRUE(d1 && d1->block == 1);
  const SockAddr tid = client.last.from;
  client.send(tftp_ack(1), tid);
  client.send(tftp_ack(1), tid);  // duplicate, e.g. a delayed copy
  auto d2 = client.next();
  ASSERT_TRUE(d2 && d2->block == 2);
  // Well before the server's 1 s timeout: a second DATA 2 here would be the bug.
  EXPECT_FALSE(client.next(300).has_value()) << "DATA 2 was sent twice";
  client.send(tftp_ack(2), tid);
  auto d3 = client.next();
  ASSERT_TRUE(d3 && d3->block == 3);
  client.send(tftp_ack(3), tid);
  ASSERT_TRUE(server_->wait_finished(1, std::chrono::seconds(5)));
  const auto t = server_->transfers().at(0);
  EXPECT_FALSE(t.failure.has_value());
  EXPECT_EQ(t.stats.duplicate_acks, 1u);
  EXPECT_EQ(t.stats.retransmissions, 0u);
}

TEST_F(TftpTidTest, RequestsArriveOnTheListeningPortEachTransferGetsItsOwnPort) {
  Hand a = Hand::open(&journal_, "client 1");
  Hand b = Hand::open(&journal_, "client 2");
  a.send(tftp_request(TftpOpcode::Rrq, "three", "octet"), addr_);
  b.send(tftp_request(TftpOpcode::Rrq, "three", "octet"), addr_);
  ASSERT_TRUE(a.next());
  ASSERT_TRUE(b.next());
  EXPECT_NE(a.last.from.port, b.last.from.port);
  EXPECT_NE(a.last.from.port, addr_.port);
  // A DATA/ACK sent to the request port is not a request: ERROR 4.
  a.send(tftp_ack(1), addr_);
  auto err = a.next();
  ASSERT_TRUE(err && err->opcode == TftpOpcode::Error);
  EXPECT_EQ(err->error, TftpErrorCode::IllegalOperation);
}

TEST_F(TftpTidTest, ClientAnswersAStrangerWithError5AndFinishesWithTheRealServer) {
  // A hand-made server: answers the RRQ from its own port; a stranger injects DATA meanwhile.
  Hand fake_listener = Hand::open(&journal_, "fake server");
  Hand fake_tid = Hand::open(&journal_, "fake server tid");
  Hand stranger = Hand::open(&journal_, "stranger");
  const std::string block1 = pattern_bytes(512, 11);
  TftpClientResult result;
  std::thread client_thread([&] {
    TftpClientConfig cc;
    cc.defaults.timeout_ms = 1000;
    result = TftpClient(&journal_, cc).get(fake_listener.socket.local(), "x", dir_ / "x");
  });
  auto rrq = fake_listener.next();
  ASSERT_TRUE(rrq && rrq->opcode == TftpOpcode::Rrq);
  const SockAddr client = fake_listener.last.from;
  fake_tid.send(tftp_data(1, as_bytes(block1)), client);
  auto ack1 = fake_tid.next();
  ASSERT_TRUE(ack1 && ack1->opcode == TftpOpcode::Ack && ack1->block == 1);
  stranger.send(tftp_data(2, as_bytes(std::string("evil"))), client);
  auto err = stranger.next();
  ASSERT_TRUE(err && err->opcode == TftpOpcode::Error);
  EXPECT_EQ(err->error, TftpErrorCode::UnknownTransferId);
  fake_tid.send(tftp_data(2, as_bytes(std::string("end"))), client);
  auto ack2 = fake_tid.next();
  client_thread.join();
  ASSERT_TRUE(ack2 && ack2->block == 2);
  ASSERT_TRUE(result.ok()) << result.failure->message;
  EXPECT_EQ(result.stats.wrong_tid, 1u);
  EXPECT_EQ(read_file(dir_ / "x"), block1 + "end") << "the stranger's bytes were not written";
}

}  // namespace
}  // namespace wirelab::servers
