#pragma once

#include <QApplication>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

class QWidget;

namespace GuiTest {

// The keychain service of the GUI tests, so they never touch the entries
// of the installed app or of the other test suites.
inline constexpr const char* KeychainService = "denvr-signin-gui-test";

// Saves widget->grab() as $DENVR_TEST_OUTPUT/screenshots/NAME.png. Returns
// false when the file could not be written. Without DENVR_TEST_OUTPUT it
// saves nothing and returns true.
bool saveScreenshot(QWidget* widget, const QString& name);

// Returns a loopback TCP port on which nothing listens: it was bound and
// released again, so a connection to it is refused.
quint16 closedLoopbackPort();

// Shows window and waits until it is active, so that focus checks and key
// clicks behave as with a user at the keyboard.
bool showActive(QWidget* window);

// Runs a Qt Test object in a QApplication whose QSettings live in a fresh
// temporary XDG_CONFIG_HOME. The folder is set before the application
// exists, because QSettings reads the location once.
template<typename TestObject>
int runWithIsolatedSettings(int argc, char* argv[])
{
    QTemporaryDir configHome;
    if (!configHome.isValid())
        return 1;
    qputenv("XDG_CONFIG_HOME", configHome.path().toLocal8Bit());

    QApplication application(argc, argv);
    TestObject test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace GuiTest

#define DENVR_GUI_TEST_MAIN(TestObject)                                                                                \
    int main(int argc, char* argv[])                                                                                   \
    {                                                                                                                  \
        return GuiTest::runWithIsolatedSettings<TestObject>(argc, argv);                                               \
    }
