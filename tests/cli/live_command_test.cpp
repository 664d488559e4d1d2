// wirelab-cli -i lo -f BPF -c N -w OUT: live capture from the command line, printed like -r
// and written as pcapng that tshark opens. Skipped without capture permission.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "capture/live_capture.hpp"
#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"

extern char** environ;

namespace wirelab::test {
namespace {

// `extra`: more flags for the CLI (e.g. --immediate-mode); the outcome must not depend on them.
void capture_three_filtered_packets(const std::string& extra) {
  {
    capture::LiveCaptureOptions probe;
    if (auto cap = capture::LiveCapture::open(probe); !cap)
      GTEST_SKIP() << "live capture not permitted here: " << cap.error().message;
  }
  // A bound UDP port nobody else uses: the filter's target.
  const int rx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int tx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(rx, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  ::getsockname(rx, reinterpret_cast<sockaddr*>(&a), &len);
  const std::string port = std::to_string(ntohs(a.sin_port));
  const auto dir = std::filesystem::temp_directory_path();
  const std::string pcapng = (dir / ("wirelab-live-" + std::to_string(::getpid()) + ".pcapng")).string();
  const std::string out = (dir / ("wirelab-live-" + std::to_string(::getpid()) + ".txt")).string();
  const std::string cmd = std::string("'") + WIRELAB_CLI_PATH + "' -i lo " + extra + " -f 'udp dst port " + port +
                          "' -c 3 -a duration:10 -w '" + pcapng + "' >'" + out + "' 2>&1";
  const char* argv[] = {"/bin/sh", "-c", cmd.c_str(), nullptr};
  pid_t pid = 0;
  ASSERT_EQ(::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ), 0);
  // Send until the CLI has its 3 packets and exits (it cannot be told when capture is ready
  // except by what it captures); bounded by its own -a duration:10.
  int status = 0;
  for (int i = 0; i < 400 && ::waitpid(pid, &status, WNOHANG) == 0; ++i) {
    ::sendto(tx, "tick", 4, 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ::close(rx);
  ::close(tx);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const std::string text = read_text(out);
  EXPECT_NE(text.find("Capturing on 'lo'"), std::string::npos) << text;
  EXPECT_NE(text.find("3 packets shown"), std::string::npos) << text;
  EXPECT_NE(text.find("UDP"), std::string::npos) << text;

  auto stream = capture::PacketStream::open(pcapng);
  ASSERT_TRUE(stream) << stream.error().message();
  int n = 0;
  while (stream->next()) {
    ++n;
    EXPECT_TRUE(stream->packet().has(decode::Proto::Udp));
  }
  EXPECT_EQ(n, 3);
  std::string ignored;
  if (run_command("tshark -v >/dev/null 2>&1", ignored) == 0) {
    EXPECT_EQ(run_command("tshark -r '" + pcapng + "' >/dev/null 2>&1", ignored), 0);
  }
  std::filesystem::remove(pcapng);
  std::filesystem::remove(out);
}

TEST(LiveCommand, CapturesPrintsAndWritesTheFilteredPackets) { capture_three_filtered_packets(""); }

TEST(LiveCommand, ImmediateModeCapturesTheSame) { capture_three_filtered_packets("--immediate-mode"); }

}  // namespace
}  // namespace wirelab::test
