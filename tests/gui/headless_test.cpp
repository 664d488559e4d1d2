// `wirelab` without a display says so and prints the headless view instead of crashing.
#include <gtest/gtest.h>

#include "corpus_support.hpp"

namespace wirelab::test {
namespace {

TEST(Headless, NoDisplaySaysSoAndPrintsTheCapture) {
  const std::string capture = (source_dir() / "resources/captures/echo-epoll-3clients.pcapng").string();
  std::string out;
  const int status = run_command("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM '" WIRELAB_GUI_PATH "' '" +
                                     capture + "' 2>&1",
                                 out);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("no display"), std::string::npos) << out;
  EXPECT_NE(out.find("[SYN]"), std::string::npos) << out;
  EXPECT_NE(out.find("[FIN, ACK]"), std::string::npos) << out;
}

TEST(Headless, UnreadableFileIsAnErrorNotACrash) {
  std::string out;
  const int status = run_command("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM '" WIRELAB_GUI_PATH "' '" +
                                     (corpus_dir() / "pcaps/pcap-invalid-version-1.pcap").string() + "' 2>&1",
                                 out);
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find("byte"), std::string::npos) << out;
}

}  // namespace
}  // namespace wirelab::test
