// The real denvr-signin process on private Xvfb displays. With trayer as the
// tray host, xdotool opens the tray icon's tooltip and menu, and the test
// photographs them while signed in, offline and after the session ended.
// Without a tray host the sign-in dialog or the status window must stay
// reachable, also with --minimized. The app uses the real "denvr-signin"
// keychain service of the test's Secret Service session.

#include "VirtualDisplay.h"

#include "ApiClient.h"
#include "AppSettings.h"
#include "FakeServer.h"
#include "KeychainStore.h"
#include "Session.h"
#include "StoredSession.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPoint>
#include <QProcess>
#include <QRect>
#include <QTemporaryDir>
#include <QTest>

class TestDesktopApp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void trayStatesPhotographed();
    void noTrayShowsSignInDialog();
    void noTrayMinimizedStillMapped();
    void noTrayShowsStatusWindow();
    void trayMinimizedOpensNoWindow();

private:
    void storeSession();
    void startApp(const QStringList& extraArguments = {});
    void stopApp();
    QString appState();
    bool windowShown(const QString& title);
    bool windowShownMinimized(const QString& title);
    void hoverTray();
    void openTrayMenu();
    void closeTrayMenu();
    void photograph(const QString& name);

    QTemporaryDir m_home;
    QProcessEnvironment m_environment;
    FakeServer m_server;
    FakeServer::Options m_serverOptions;
    VirtualDisplay m_display;
    QProcess m_app;
    QString m_screenshotFolder;
};

void TestDesktopApp::initTestCase()
{
    QVERIFY2(!qEnvironmentVariable("DENVR_SIGNIN").isEmpty(), "DENVR_SIGNIN is not set; run the tests through ctest");

    const QString output = qEnvironmentVariable("DENVR_TEST_OUTPUT");
    if (!output.isEmpty()) {
        m_screenshotFolder = output + QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(m_screenshotFolder));
    }
}

void TestDesktopApp::init()
{
    // The app and this process share settings and the runtime folder, not the user's.
    QVERIFY(m_home.isValid());
    const QString config = m_home.filePath(QStringLiteral("config"));
    const QString runtime = m_home.filePath(QStringLiteral("runtime"));
    QDir(config).removeRecursively();
    QVERIFY(QDir().mkpath(config));
    QVERIFY(QDir().mkpath(runtime));
    QVERIFY(QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    qputenv("XDG_CONFIG_HOME", config.toUtf8());
    qputenv("XDG_RUNTIME_DIR", runtime.toUtf8());

    m_serverOptions = FakeServer::Options{{FakeServer::plainUser()}};
    m_serverOptions.stateFile = m_home.filePath(QStringLiteral("server-state.json"));
    QFile::remove(m_serverOptions.stateFile);
    m_serverOptions.accessTokenSeconds = 8;
    QVERIFY2(m_server.start(m_serverOptions), qPrintable(m_server.errorMessage()));
    m_serverOptions.port = m_server.port();
}

void TestDesktopApp::cleanup()
{
    stopApp();
    m_display.stop();
    m_server.stop();

    KeychainStore keychain;
    bool removed = false;
    keychain.remove(StoredSession::sessionKey(m_server.url(), FakeServer::plainUser().userName), this,
                    [&](const KeychainStore::Outcome&) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 15000);
}

// Signs in from this process as the command line would, so the app finds a stored session.
void TestDesktopApp::storeSession()
{
    ApiClient client;
    client.setServerUrl(m_server.url());
    KeychainStore keychain;
    Session session(&client, &keychain);

    session.signIn(FakeServer::plainUser().userName, FakeServer::plainUser().password, true);

    QTRY_VERIFY_WITH_TIMEOUT(session.isStored(), 15000);
}

void TestDesktopApp::startApp(const QStringList& extraArguments)
{
    m_environment = m_display.environment(QProcessEnvironment::systemEnvironment());
    m_app.setProcessEnvironment(m_environment);
    m_app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_app.start(qEnvironmentVariable("DENVR_SIGNIN"),
                QStringList{QStringLiteral("--server"), m_server.url().toString()} + extraArguments);
    QVERIFY(m_app.waitForStarted(5000));
}

void TestDesktopApp::stopApp()
{
    if (m_app.state() == QProcess::NotRunning)
        return;

    m_app.terminate();
    if (!m_app.waitForFinished(5000))
        m_app.kill();
    m_app.waitForFinished(5000);
}

QString TestDesktopApp::appState()
{
    QProcess status;
    status.setProcessEnvironment(m_environment);
    status.start(qEnvironmentVariable("DENVR_SIGNIN"), {QStringLiteral("--status")});
    if (!status.waitForFinished(15000))
        return QString();
    return QJsonDocument::fromJson(status.readAllStandardOutput()).object().value(QStringLiteral("state")).toString();
}

bool TestDesktopApp::windowShown(const QString& title)
{
    return !m_display
                .run(QStringLiteral("xdotool"),
                     {QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"), title})
                .trimmed()
                .isEmpty();
}

// Whether a window with title was shown minimized: mapped, and marked
// hidden in _NET_WM_STATE (Qt 6.4 on X11) or iconic in WM_HINTS. Xvfb runs no
// window manager, which would otherwise unmap it and set WM_STATE to Iconic.
bool TestDesktopApp::windowShownMinimized(const QString& title)
{
    const QByteArray windows =
        m_display.run(QStringLiteral("xdotool"), {QStringLiteral("search"), QStringLiteral("--name"), title});
    for (const QByteArray& window : windows.split('\n')) {
        const QString id = QString::fromLatin1(window.trimmed());
        if (id.isEmpty())
            continue;
        const QByteArray hints = m_display.run(
            QStringLiteral("xprop"), {QStringLiteral("-id"), id, QStringLiteral("WM_HINTS"), QStringLiteral("_NET_WM_STATE")});
        const QByteArray info = m_display.run(QStringLiteral("xwininfo"), {QStringLiteral("-id"), id});
        const bool minimized = hints.contains("Iconic") || hints.contains("_NET_WM_STATE_HIDDEN");
        if (minimized && info.contains("IsViewable"))
            return true;
    }
    return false;
}

void TestDesktopApp::hoverTray()
{
    const QPoint centre = m_display.trayCentre();
    QVERIFY(centre.x() >= 0);

    // Away and back, then a small move, so that the tooltip opens afresh
    // also right after a menu closed.
    m_display.run(QStringLiteral("xdotool"), {QStringLiteral("mousemove"), QStringLiteral("10"), QStringLiteral("10")});
    QTest::qWait(1000);
    m_display.run(QStringLiteral("xdotool"),
                  {QStringLiteral("mousemove"), QString::number(centre.x() - 2), QString::number(centre.y() - 2)});
    QTest::qWait(300);
    m_display.run(QStringLiteral("xdotool"),
                  {QStringLiteral("mousemove"), QString::number(centre.x()), QString::number(centre.y())});
    QTest::qWait(2000);
}

void TestDesktopApp::openTrayMenu()
{
    const QPoint centre = m_display.trayCentre();
    QVERIFY(centre.x() >= 0);
    m_display.run(QStringLiteral("xdotool"), {QStringLiteral("mousemove"), QString::number(centre.x()),
                                              QString::number(centre.y()), QStringLiteral("click"), QStringLiteral("3")});
    QTest::qWait(1000);
}

void TestDesktopApp::closeTrayMenu()
{
    m_display.run(QStringLiteral("xdotool"), {QStringLiteral("key"), QStringLiteral("Escape")});
    QTest::qWait(300);
}

void TestDesktopApp::photograph(const QString& name)
{
    if (m_screenshotFolder.isEmpty())
        return;

    // The bottom right corner, where trayer, its tooltip and its menu are.
    const QRect corner(1024 - 480, 640 - 360, 480, 360);
    QVERIFY(m_display.saveScreenshot(QStringLiteral("%1/%2.png").arg(m_screenshotFolder, name), corner));
}

void TestDesktopApp::trayStatesPhotographed()
{
    QVERIFY2(m_display.start(true), qPrintable(m_display.errorMessage()));
    storeSession();
    startApp();
    QTRY_COMPARE_WITH_TIMEOUT(appState(), QStringLiteral("signed-in"), 15000);
    QVERIFY(!windowShown(QStringLiteral("Sign in to DenvrCloud")));

    hoverTray();
    photograph(QStringLiteral("tray-signed-in-tooltip"));
    openTrayMenu();
    photograph(QStringLiteral("tray-signed-in"));
    closeTrayMenu();

    // The 8 s access token renews about every 6 s, and the renewal fails.
    m_server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(appState(), QStringLiteral("offline"), 15000);
    hoverTray();
    photograph(QStringLiteral("tray-offline-tooltip"));
    openTrayMenu();
    photograph(QStringLiteral("tray-offline"));
    closeTrayMenu();

    // Restarted without its state file, the server rejects the refresh token.
    FakeServer::Options forgetful = m_serverOptions;
    forgetful.stateFile.clear();
    QVERIFY2(m_server.start(forgetful), qPrintable(m_server.errorMessage()));
    QTRY_COMPARE_WITH_TIMEOUT(appState(), QStringLiteral("session-ended"), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(windowShown(QStringLiteral("Sign in to DenvrCloud")), 5000);
    m_display.run(QStringLiteral("xdotool"), {QStringLiteral("search"), QStringLiteral("--name"),
                                              QStringLiteral("Sign in to DenvrCloud"), QStringLiteral("windowunmap")});
    QTest::qWait(300);
    hoverTray();
    photograph(QStringLiteral("tray-session-ended-tooltip"));
    openTrayMenu();
    photograph(QStringLiteral("tray-session-ended"));
    closeTrayMenu();
}

void TestDesktopApp::noTrayShowsSignInDialog()
{
    QVERIFY2(m_display.start(false), qPrintable(m_display.errorMessage()));

    startApp();

    QTRY_VERIFY_WITH_TIMEOUT(windowShown(QStringLiteral("Sign in to DenvrCloud")), 10000);
}

void TestDesktopApp::noTrayMinimizedStillMapped()
{
    QVERIFY2(m_display.start(false), qPrintable(m_display.errorMessage()));

    startApp({QStringLiteral("--minimized")});

    QTRY_VERIFY_WITH_TIMEOUT(windowShownMinimized(QStringLiteral("Sign in to DenvrCloud")), 10000);
}

void TestDesktopApp::noTrayShowsStatusWindow()
{
    QVERIFY2(m_display.start(false), qPrintable(m_display.errorMessage()));
    storeSession();

    startApp();

    QTRY_COMPARE_WITH_TIMEOUT(appState(), QStringLiteral("signed-in"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(windowShown(QStringLiteral("Denvr Sign-In")), 10000);
    QVERIFY(!windowShown(QStringLiteral("Sign in to DenvrCloud")));
    if (!m_screenshotFolder.isEmpty())
        QVERIFY(m_display.saveScreenshot(m_screenshotFolder + QStringLiteral("/desktop-status-window.png")));
}

void TestDesktopApp::trayMinimizedOpensNoWindow()
{
    QVERIFY2(m_display.start(true), qPrintable(m_display.errorMessage()));

    startApp({QStringLiteral("--minimized")});

    QTRY_COMPARE_WITH_TIMEOUT(appState(), QStringLiteral("signed-out"), 15000);
    QTest::qWait(1000);
    QVERIFY(!windowShown(QStringLiteral("Sign in to DenvrCloud")));
    QCOMPARE(m_app.state(), QProcess::Running);
}

QTEST_GUILESS_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
