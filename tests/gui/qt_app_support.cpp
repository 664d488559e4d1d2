// Every GUI test runs inside one QApplication on Qt's offscreen platform, so the tests need
// no display and never touch the user's settings.
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

#include <memory>

namespace {

class QtAppEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    static int argc = 1;
    static char name[] = "gui_tests";
    static char* argv[] = {name, nullptr};
    app_ = std::make_unique<QApplication>(argc, argv);
    QApplication::setOrganizationName("wirelab-tests");
    QApplication::setApplicationName("gui_tests");
  }
  void TearDown() override { app_.reset(); }

 private:
  std::unique_ptr<QApplication> app_;
};

const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new QtAppEnvironment);

}  // namespace
