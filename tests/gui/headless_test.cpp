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

TEST(Headless, DisplayFilterKeepsWhatTheCliKeeps) {
  const std::string capture = (source_dir() / "resources/captures/echo-epoll-3clients.pcapng").string();
  std::string out;
  const int status = run_command("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM '" WIRELAB_GUI_PATH "' -Y "
                                 "'tcp.flags.fin == 1' '" + capture + "' 2>&1",
                                 out);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("[FIN, ACK]"), std::string::npos) << out;
  EXPECT_EQ(out.find("[SYN]"), std::string::npos) << out;
  EXPECT_EQ(run_command("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM '" WIRELAB_GUI_PATH
                        "' --display-filter 'tcp.port == 17x9' '" + capture + "' 2>&1",
                        out),
            2)
      << out;
  EXPECT_NE(out.find("17x9"), std::string::npos) << out;
}

TEST(Headless, UnreadableFileIsAnErrorNotACrash) {
  std::string out;
  const int status = run_command("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM '" WIRELAB_GUI_PATH "' '" +
                                     (corpus_dir() / "pcaps/pcap-invalid-version-1.pcap").string() + "' 2>&1",
                                 out);
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find("byte"), std::string::npos) << out;
}

// The app's own flags keep their meaning without a display: --help, --scenario; wrong ones are usage errors.
TEST(Headless, HelpScenarioAndBadFlagsWithoutADisplay) {
  const std::string app = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM '" WIRELAB_GUI_PATH "' ";
  std::string out;
  EXPECT_EQ(run_command(app + "--help 2>&1", out), 0) << out;
  EXPECT_NE(out.find("--scenario NAME"), std::string::npos) << out;
  EXPECT_EQ(run_command(app + "--no-such-flag 2>&1", out), 2) << out;
  EXPECT_NE(out.find("unknown option --no-such-flag"), std::string::npos) << out;
  EXPECT_EQ(run_command(app + "--scenario no-such-scenario 2>&1", out), 2) << out;
  EXPECT_NE(out.find("unknown scenario \"no-such-scenario\""), std::string::npos) << out;
  EXPECT_EQ(run_command(app + "--grab 2>&1", out), 2) << out;
  EXPECT_NE(out.find("--grab needs a value"), std::string::npos) << out;
}

}  // namespace
}  // namespace wirelab::test
