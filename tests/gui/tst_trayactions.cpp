// The tray menu's actions and the tooltip in each session state: which
// items are enabled, what "Renew now", "Copy access token", "Open DenvrCloud
// console" and "Start at login" do, and the notice of a long outage. The
// session runs against the real denvr-fake-server and the real keychain.

#include "AppHarness.h"
#include "FrozenClock.h"
#include "GuiTestSupport.h"

#include "AppController.h"
#include "AppSettings.h"
#include "Autostart.h"
#include "FakeServer.h"
#include "ServerUrl.h"
#include "Session.h"
#include "SessionSummary.h"
#include "SignInDialog.h"
#include "TrayController.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <chrono>

using namespace std::chrono_literals;

namespace {

const QString KeychainService = QStringLiteral("denvr-signin-gui-tray-test");

QString autostartEntryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/denvr-signin.desktop");
}

} // namespace

// Receives the URLs that QDesktopServices::openUrl() would open in a browser.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void openUrl(const QUrl& url) { urls.append(url); }
};

class TestTrayActions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void signedOutMenu();
    void signedInMenu();
    void offlineMenu();
    void sessionEndedMenu();
    void renewNowRefreshes();
    void copyTokenThenClears();
    void copyTokenKeepsOtherText();
    void openConsoleOpensServer();
    void consoleUrlPerServer_data();
    void consoleUrlPerServer();
    void startAtLoginTogglesEntry();
    void outageNoticeOnce();
    void catalogsEmbedded();
    void iconStyleChangesIcon();

private:
    bool startServer(FakeServer::Options options = {});
    void signInAsGrace();

    FakeServer m_server;
    FakeServer::User m_plainUser = FakeServer::plainUser();
    AppHarness m_app{KeychainService};
    std::unique_ptr<FrozenClock> m_clock;
    UrlCatcher m_urlCatcher;
};

void TestTrayActions::init()
{
    QSettings(QString::fromLatin1(AppSettings::OrganizationName), QString::fromLatin1(AppSettings::ApplicationName))
        .clear();
    QFile::remove(autostartEntryPath());
    m_urlCatcher.urls.clear();
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_urlCatcher, "openUrl");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_urlCatcher, "openUrl");
}

void TestTrayActions::cleanup()
{
    Session* session = m_app.isRunning() ? m_app.session() : nullptr;
    const bool holdsSession = session && (session->state() == Session::State::SignedIn ||
                                          session->state() == Session::State::Offline ||
                                          session->state() == Session::State::Refreshing);
    if (holdsSession) {
        session->signOut();
        QTRY_COMPARE(session->state(), Session::State::SignedOut);
    }

    m_app.stop();
    m_server.stop();
    Clock::setInstance(nullptr);
    m_clock.reset();
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    QFile::remove(autostartEntryPath());
}

bool TestTrayActions::startServer(FakeServer::Options options)
{
    options.users = {m_plainUser};
    if (!m_server.start(options)) {
        qWarning("%s", qPrintable(m_server.errorMessage()));
        return false;
    }
    return true;
}

void TestTrayActions::signInAsGrace()
{
    QVERIFY(m_app.submitSignIn(m_plainUser.userName, m_plainUser.password));
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    QTRY_VERIFY(m_app.session()->isStored());
}

void TestTrayActions::signedOutMenu()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());

    TrayController* tray = m_app.tray();
    QCOMPARE(m_app.session()->state(), Session::State::SignedOut);
    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Signed out"));
    QVERIFY(!tray->headerAction()->isEnabled());
    QVERIFY(tray->signInAction()->isEnabled());
    QVERIFY(!tray->signOutAction()->isEnabled());
    QVERIFY(!tray->renewAction()->isEnabled());
    QVERIFY(!tray->copyTokenAction()->isEnabled());
    QVERIFY(tray->openConsoleAction()->isEnabled());
    QVERIFY(tray->settingsAction()->isEnabled());
    QVERIFY(tray->startAtLoginAction()->isEnabled());
    QVERIFY(tray->quitAction()->isEnabled());
    const QString toolTip = tray->trayIcon()->toolTip();
    QVERIFY2(toolTip.startsWith(QStringLiteral("Signed out\n")), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(ServerUrl::origin(m_server.url())), qPrintable(toolTip));
}

void TestTrayActions::signedInMenu()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();

    TrayController* tray = m_app.tray();
    Session* session = m_app.session();
    const QString toolTip = tray->trayIcon()->toolTip();
    QVERIFY2(toolTip.startsWith(QStringLiteral("Signed in as grace\n")), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Server: %1").arg(ServerUrl::origin(m_server.url()))),
             qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Renews at %1").arg(SessionSummary::formatMoment(session->nextRefreshAt()))),
             qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Session valid until %1")
                                  .arg(SessionSummary::formatDate(session->refreshTokenExpiresAt()))),
             qPrintable(toolTip));
    QVERIFY(!tray->signInAction()->isEnabled());
    QVERIFY(tray->signOutAction()->isEnabled());
    QVERIFY(tray->renewAction()->isEnabled());
    QVERIFY(tray->copyTokenAction()->isEnabled());
    QVERIFY(tray->openConsoleAction()->isEnabled());
    QVERIFY(tray->settingsAction()->isEnabled());
    QVERIFY(tray->quitAction()->isEnabled());
    tray->menu()->adjustSize();
    QVERIFY(GuiTest::saveScreenshot(tray->menu(), QStringLiteral("tray-menu-signed-in")));
}

void TestTrayActions::offlineMenu()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();

    m_server.stop();
    m_app.session()->refreshNow();
    QTRY_COMPARE(m_app.session()->state(), Session::State::Offline);

    TrayController* tray = m_app.tray();
    const QString toolTip = tray->trayIcon()->toolTip();
    QVERIFY2(toolTip.startsWith(QStringLiteral("Signed in as grace — offline\n")), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Session valid until")), qPrintable(toolTip));
    QVERIFY2(!toolTip.contains(QStringLiteral("Renews at")), qPrintable(toolTip));
    QVERIFY(!tray->signInAction()->isEnabled());
    QVERIFY(tray->signOutAction()->isEnabled());
    QVERIFY(tray->renewAction()->isEnabled());
    QVERIFY(tray->copyTokenAction()->isEnabled());
}

void TestTrayActions::sessionEndedMenu()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();

    // Without --state the restarted server has forgotten every token it issued.
    FakeServer::Options options;
    options.port = m_server.port();
    m_server.stop();
    QVERIFY(startServer(options));
    m_app.session()->refreshNow();
    QTRY_COMPARE(m_app.session()->state(), Session::State::SessionEnded);

    TrayController* tray = m_app.tray();
    const QString toolTip = tray->trayIcon()->toolTip();
    QVERIFY2(toolTip.startsWith(QStringLiteral("Session of grace ended: sign in again\n")), qPrintable(toolTip));
    QVERIFY(tray->signInAction()->isEnabled());
    QVERIFY(!tray->signOutAction()->isEnabled());
    QVERIFY(!tray->renewAction()->isEnabled());
    QVERIFY(!tray->copyTokenAction()->isEnabled());
    QVERIFY(tray->settingsAction()->isEnabled());
}

void TestTrayActions::renewNowRefreshes()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();
    const QString firstToken = m_app.session()->accessToken();

    m_app.tray()->renewAction()->trigger();

    QVERIFY(m_server.waitForRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken"), 1, 5000));
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    QTRY_VERIFY(m_app.session()->accessToken() != firstToken);
}

void TestTrayActions::copyTokenThenClears()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();
    QClipboard* clipboard = QGuiApplication::clipboard();
    clipboard->clear();
    m_app.tray()->setClipboardClearDelay(300);

    m_app.tray()->copyTokenAction()->trigger();

    QTRY_COMPARE(clipboard->text(), m_app.session()->accessToken());
    QTRY_VERIFY(clipboard->text().isEmpty());
}

void TestTrayActions::copyTokenKeepsOtherText()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();
    QClipboard* clipboard = QGuiApplication::clipboard();
    m_app.tray()->setClipboardClearDelay(300);
    m_app.tray()->copyTokenAction()->trigger();
    QTRY_COMPARE(clipboard->text(), m_app.session()->accessToken());

    const QString otherText = QStringLiteral("copied by the user afterwards");
    clipboard->setText(otherText);
    QTest::qWait(600);

    QCOMPARE(clipboard->text(), otherText);
}

void TestTrayActions::openConsoleOpensServer()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());

    m_app.tray()->openConsoleAction()->trigger();

    QCOMPARE(m_urlCatcher.urls.size(), 1);
    QCOMPARE(m_urlCatcher.urls.at(0).toString(), ServerUrl::origin(m_server.url()));
}

void TestTrayActions::consoleUrlPerServer_data()
{
    QTest::addColumn<QUrl>("server");
    QTest::addColumn<QUrl>("expected");

    QTest::newRow("production") << QUrl(QStringLiteral("https://api.cloud.denvrdata.com"))
                                << QUrl(QStringLiteral("https://console.cloud.denvrdata.com"));
    QTest::newRow("staging") << QUrl(QStringLiteral("https://api.cloud.denvrdata.dev"))
                             << QUrl(QStringLiteral("https://console.cloud.denvrdata.dev"));
    QTest::newRow("other host: its origin") << QUrl(QStringLiteral("https://denvr.example.com:8443/api/"))
                                            << QUrl(QStringLiteral("https://denvr.example.com:8443"));
}

void TestTrayActions::consoleUrlPerServer()
{
    QFETCH(QUrl, server);
    QFETCH(QUrl, expected);

    QCOMPARE(ServerUrl::consoleUrl(server), expected);
}

void TestTrayActions::startAtLoginTogglesEntry()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    QAction* startAtLogin = m_app.tray()->startAtLoginAction();
    QVERIFY(!startAtLogin->isChecked());
    QVERIFY(!QFile::exists(autostartEntryPath()));

    startAtLogin->trigger();

    QVERIFY(startAtLogin->isChecked());
    QVERIFY2(QFile::exists(autostartEntryPath()), qPrintable(autostartEntryPath()));
    QVERIFY(AppSettings::startAtLogin());
    QVERIFY(m_app.controller()->autostart()->isEnabled());

    startAtLogin->trigger();

    QVERIFY(!startAtLogin->isChecked());
    QVERIFY(!m_app.controller()->autostart()->isEnabled());
    QVERIFY(!AppSettings::startAtLogin());
}

void TestTrayActions::outageNoticeOnce()
{
    m_clock = std::make_unique<FrozenClock>();
    Clock::setInstance(m_clock.get());
    FakeServer::Options options;
    options.accessTokenSeconds = 120;
    QVERIFY(startServer(options));
    m_app.start(m_server.url());
    signInAsGrace();
    QSignalSpy notifications(m_app.controller(), &AppController::notificationShown);

    // The outage begins while the access token is still valid.
    m_server.stop();
    m_app.session()->refreshNow();
    QTRY_COMPARE(m_app.session()->state(), Session::State::Offline);
    QCOMPARE(notifications.count(), 0);

    // The token runs out 2 minutes into the outage, which is too early for a notice.
    m_clock->setCurrentUtc(m_app.session()->accessTokenExpiresAt().addSecs(1));
    m_app.session()->checkDeadlines();
    QTest::qWait(100);
    QTRY_VERIFY(m_app.session()->state() == Session::State::Offline);
    QCOMPARE(notifications.count(), 0);

    // Past 5 minutes: one notice, and no second one for the same outage.
    m_clock->advance(4min);
    m_app.session()->checkDeadlines();
    QTRY_COMPARE(notifications.count(), 1);
    QCOMPARE(notifications.at(0).at(0).toString(), QStringLiteral("Cannot reach DenvrCloud"));
    m_clock->advance(10min);
    m_app.session()->checkDeadlines();
    QTest::qWait(200);
    QCOMPARE(notifications.count(), 1);
}

void TestTrayActions::catalogsEmbedded()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/denvr-signin_en.qm")));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/denvr-signin_de.qm")));
}

void TestTrayActions::iconStyleChangesIcon()
{
    const auto render = [] {
        return TrayController::iconForState(Session::State::SignedIn).pixmap(QSize(32, 32)).toImage();
    };
    const QImage colour = render();

    AppSettings::setTrayIconStyle(AppSettings::TrayIconStyle::MonochromeForLightPanel);
    const QImage forLightPanel = render();
    AppSettings::setTrayIconStyle(AppSettings::TrayIconStyle::MonochromeForDarkPanel);
    const QImage forDarkPanel = render();

    QVERIFY(!colour.isNull());
    QVERIFY(colour != forLightPanel);
    QVERIFY(colour != forDarkPanel);
    QVERIFY(forLightPanel != forDarkPanel);
}

DENVR_GUI_TEST_MAIN(TestTrayActions)
#include "tst_trayactions.moc"
