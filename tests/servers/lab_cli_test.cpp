// `wirelab-cli run SCENARIO --lab`: the lab run from the command line, written with -w as a
// pcapng with one interface per lab interface captured; a lab scenario without --lab is refused
// with the fix.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "lab_test_support.hpp"

namespace wirelab::test {
namespace {

class LabCli : public LabMachineTest {};

TEST_F(LabCli, BroadcastRunWritesOneInterfacePerLabInterface) {
  const auto file = std::filesystem::temp_directory_path() / ("wirelab-lab-cli-" + std::to_string(::getpid()) + ".pcapng");
  std::string out;
  ASSERT_EQ(run_cli("run udp-broadcast --lab -q -w " + file.string(), out), 0) << out;
  EXPECT_NE(out.find("Finding: d received 0 of the 2 broadcasts"), std::string::npos) << out;
  EXPECT_NE(out.find("0 = wl-a-eth0 (a, segment 1), 1 = wl-b-eth0 (b, segment 1), 2 = wl-c-eth0 (c, segment 1), "
                     "3 = wl-d-eth0 (d, segment 2)"),
            std::string::npos)
      << out;

  auto stream = capture::PacketStream::open(file.string());
  ASSERT_TRUE(stream) << stream.error().message();
  std::multiset<std::uint32_t> interface_ids;
  while (stream->next()) interface_ids.insert(stream->packet().interface_id);
  EXPECT_FALSE(stream->error());
  // Two broadcasts, each seen leaving a (0) and arriving at b (1) and c (2); never at d (3).
  EXPECT_EQ(interface_ids, (std::multiset<std::uint32_t>{0, 0, 1, 1, 2, 2})) << out;

  // tshark reads the same file and names the interfaces (socket events, custom blocks, print as
  // empty lines: grep drops them).
  std::string names;
  if (run_command("tshark -r " + file.string() + " -T fields -e frame.interface_name 2>/dev/null | grep . | sort -u",
                  names) == 0) {
    EXPECT_EQ(names, "wl-a-eth0\nwl-b-eth0\nwl-c-eth0\n");
  }
  std::filesystem::remove(file);
}

TEST(LabCliUsage, LabScenarioWithoutLabFlagSaysHowToRunIt) {
  std::string out;
  EXPECT_EQ(run_cli("run arp", out), 2);
  EXPECT_NE(out.find("wirelab-cli run arp --lab"), std::string::npos) << out;
  EXPECT_EQ(run_cli("run no-such-thing --lab", out), 2);
  EXPECT_NE(out.find("udp-broadcast"), std::string::npos) << out;
  EXPECT_EQ(run_cli("lab sideways", out), 2);
  EXPECT_NE(out.find("up, down, status"), std::string::npos) << out;
}

}  // namespace
}  // namespace wirelab::test
