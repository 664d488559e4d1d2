#include "servers/tftp_root.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tftp_support.hpp"

namespace wirelab::servers {
namespace {

using testing::TempDir;

class TftpRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(outside_.path());
    std::filesystem::create_directories(base_.path() / "root" / "sub");
    testing::write_file(base_ / "root/inside.txt", "inside");
    testing::write_file(base_ / "root/sub/deep.txt", "deep");
    testing::write_file(base_ / "secret.txt", "secret");
    testing::write_file(outside_ / "far.txt", "far");
    auto r = TftpRoot::open(base_ / "root");
    ASSERT_TRUE(r) << r.error().message;
    root_.emplace(std::move(*r));
  }
  void expect_refused(std::string_view name, TftpErrorCode code) {
    auto fd = root_->open_for_read(name);
    ASSERT_FALSE(fd) << name << " opened";
    EXPECT_EQ(fd.error().code, code) << name << ": " << fd.error().message;
  }

  TempDir base_;
  TempDir outside_;
  std::optional<TftpRoot> root_;
};

TEST_F(TftpRootTest, OpensFilesBeneathTheRoot) {
  for (const char* name : {"inside.txt", "sub/deep.txt", "./inside.txt", "sub//deep.txt"}) {
    auto fd = root_->open_for_read(name);
    ASSERT_TRUE(fd) << name << ": " << fd.error().message;
    ::close(*fd);
  }
}

TEST_F(TftpRootTest, DotDotComponentsAreAccessViolations) {
  expect_refused("../secret.txt", TftpErrorCode::AccessViolation);
  expect_refused("sub/../../secret.txt", TftpErrorCode::AccessViolation);
  expect_refused("../etc/passwd", TftpErrorCode::AccessViolation);
  expect_refused("sub/../inside.txt", TftpErrorCode::AccessViolation);  // refused even when it stays inside
}

TEST_F(TftpRootTest, AbsolutePathsAreAccessViolations) {
  expect_refused("/etc/passwd", TftpErrorCode::AccessViolation);
  expect_refused((base_ / "root/inside.txt"), TftpErrorCode::AccessViolation);
}

TEST_F(TftpRootTest, SymlinksLeadingOutAreAccessViolations) {
  std::filesystem::create_symlink(base_ / "secret.txt", base_.path() / "root" / "to-secret");
  std::filesystem::create_symlink("../secret.txt", base_.path() / "root" / "relative-out");
  std::filesystem::create_directory_symlink(outside_.path(), base_.path() / "root" / "outdir");
  expect_refused("to-secret", TftpErrorCode::AccessViolation);
  expect_refused("relative-out", TftpErrorCode::AccessViolation);
  expect_refused("outdir/far.txt", TftpErrorCode::AccessViolation);
}

TEST_F(TftpRootTest, SymlinkThatStaysInsideIsFollowed) {
  std::filesystem::create_symlink("sub/deep.txt", base_.path() / "root" / "alias");
  auto fd = root_->open_for_read("alias");
  ASSERT_TRUE(fd) << fd.error().message;
  ::close(*fd);
}

TEST_F(TftpRootTest, MissingFilesDirectoriesAndEmptyNames) {
  expect_refused("nope.txt", TftpErrorCode::FileNotFound);
  expect_refused("sub", TftpErrorCode::AccessViolation);  // not a regular file
  expect_refused("", TftpErrorCode::AccessViolation);
}

TEST_F(TftpRootTest, WritesNeverOverwriteUnlessAskedAndStayConfined) {
  auto existing = root_->create_for_write("inside.txt", false);
  ASSERT_FALSE(existing);
  EXPECT_EQ(existing.error().code, TftpErrorCode::FileExists);
  EXPECT_EQ(testing::read_file(base_ / "root/inside.txt"), "inside");

  auto fresh = root_->create_for_write("new.txt", false);
  ASSERT_TRUE(fresh) << fresh.error().message;
  ::close(*fresh);

  auto overwrite = root_->create_for_write("inside.txt", true);
  ASSERT_TRUE(overwrite) << overwrite.error().message;
  ::close(*overwrite);
  EXPECT_EQ(testing::read_file(base_ / "root/inside.txt"), "") << "truncated when overwrite is configured";

  std::filesystem::create_symlink(outside_.path(), base_.path() / "root" / "outdir");
  auto out = root_->create_for_write("outdir/planted.txt", true);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, TftpErrorCode::AccessViolation);
  EXPECT_FALSE(std::filesystem::exists(outside_.path() / "planted.txt"));
  auto up = root_->create_for_write("../planted.txt", true);
  ASSERT_FALSE(up);
  EXPECT_EQ(up.error().code, TftpErrorCode::AccessViolation);
}

}  // namespace
}  // namespace wirelab::servers
