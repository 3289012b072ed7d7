// The session's life after sign-in as the tray and the dialogs show it.
// The cases are restoring at start, offline, an access token that runs out
// while offline, a session that the server or the clock ends, the warning
// before the refresh token expires, and both ways of signing out. Everything
// runs against the real denvr-fake-server and the real keychain, and the
// token deadlines pass on a FrozenClock that the tests move.

#include "AppHarness.h"
#include "FrozenClock.h"
#include "GuiTestSupport.h"

#include "AppController.h"
#include "AppSettings.h"
#include "FakeServer.h"
#include "KeychainStore.h"
#include "ServerUrl.h"
#include "Session.h"
#include "SessionSummary.h"
#include "SignInDialog.h"
#include "StoredSession.h"
#include "TrayController.h"
#include "TwoFactorDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <chrono>

using namespace std::chrono_literals;

namespace {

const QString KeychainService = QStringLiteral("denvr-signin-gui-lifecycle-test");

// The bounds of a Qt::CoarseTimer's remaining time, which Qt may move by up
// to 5% of the interval to group wake-ups.
int coarseTimerEarliest(int intervalMs)
{
    return intervalMs * 95 / 100;
}

int coarseTimerLatest(int intervalMs)
{
    return intervalMs * 105 / 100 + 1;
}

// The app's message boxes that are open, such as the notices shown where there is no tray.
QList<QMessageBox*> visibleMessageBoxes()
{
    QList<QMessageBox*> boxes;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        auto* box = qobject_cast<QMessageBox*>(widget);
        if (box && box->isVisible())
            boxes.append(box);
    }
    return boxes;
}

} // namespace

class TestSessionLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void restoringShowsInTray();
    void signedInShowsInTray();
    void offlineShowsNextTry();
    void expiredTokenShowsWithoutStateChange();
    void serverEndsSession();
    void expiredStoredSessionAtStart();
    void expiryWarningShownOnce();
    void signOutForgetsDevice_data();
    void signOutForgetsDevice();

private:
    bool startServer(FakeServer::Options options = {});
    void installClock();
    void signInAsGrace();

    FakeServer m_server;
    FakeServer::User m_plainUser = FakeServer::plainUser();
    FakeServer::User m_twoFactorUser = FakeServer::twoFactorUser();
    AppHarness m_app{KeychainService};
    std::unique_ptr<FrozenClock> m_clock;
};

void TestSessionLifecycle::init()
{
    // Every test starts as a fresh install: no last user, the default server.
    QSettings(QString::fromLatin1(AppSettings::OrganizationName), QString::fromLatin1(AppSettings::ApplicationName))
        .clear();
}

void TestSessionLifecycle::cleanup()
{
    // Signing out deletes the keychain entry that "Keep me signed in" wrote.
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
}

bool TestSessionLifecycle::startServer(FakeServer::Options options)
{
    options.users = {m_plainUser, m_twoFactorUser};
    if (!m_server.start(options)) {
        qWarning("%s", qPrintable(m_server.errorMessage()));
        return false;
    }
    return true;
}

void TestSessionLifecycle::installClock()
{
    m_clock = std::make_unique<FrozenClock>();
    Clock::setInstance(m_clock.get());
}

void TestSessionLifecycle::signInAsGrace()
{
    QVERIFY(m_app.submitSignIn(m_plainUser.userName, m_plainUser.password));
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    QTRY_VERIFY(m_app.session()->isStored());
}

void TestSessionLifecycle::restoringShowsInTray()
{
    QVERIFY(startServer());
    AppSettings::setLastUserName(m_server.url(), m_plainUser.userName);

    m_app.start(m_server.url());

    // The keychain read has not finished yet: start() returned without waiting for it.
    TrayController* tray = m_app.tray();
    QCOMPARE(m_app.session()->state(), Session::State::Restoring);
    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Restoring session…"));
    QVERIFY(tray->trayIcon()->toolTip().startsWith(QStringLiteral("Restoring session…\n")));
    QVERIFY2(tray->trayIcon()->toolTip().contains(QStringLiteral("User: grace")), qPrintable(tray->toolTipText()));
    QVERIFY(!tray->headerAction()->isEnabled());
    QVERIFY(!tray->signInAction()->isEnabled());
    QVERIFY(!tray->signOutAction()->isEnabled());
    QVERIFY(!tray->signOutAndForgetAction()->isEnabled());
    QVERIFY(!tray->retryAction()->isVisible());
    QVERIFY(tray->quitAction()->isEnabled());
    QVERIFY(!m_app.signInDialog()->isVisible());
    QCOMPARE(tray->msecsToNextUpdate(), -1);

    // No session is stored for grace, so the sign-in dialog follows.
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedOut);
    QTRY_VERIFY(m_app.signInDialog()->isVisible());
    QCOMPARE(m_app.signInField("userNameEdit")->text(), m_plainUser.userName);
}

void TestSessionLifecycle::signedInShowsInTray()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());

    signInAsGrace();

    TrayController* tray = m_app.tray();
    const QString toolTip = tray->trayIcon()->toolTip();
    const QDateTime expiresAt = m_app.session()->accessTokenExpiresAt();
    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Signed in as grace"));
    QVERIFY2(toolTip.startsWith(QStringLiteral("Signed in as grace\n")), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Server: %1").arg(ServerUrl::origin(m_server.url()))), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Access token expires at %1").arg(SessionSummary::formatMoment(expiresAt))),
             qPrintable(toolTip));
    QVERIFY2(!toolTip.contains(QStringLiteral("not remembered")), qPrintable(toolTip));
    QVERIFY(!tray->signInAction()->isEnabled());
    QVERIFY(tray->signOutAction()->isEnabled());
    QVERIFY(tray->signOutAndForgetAction()->isEnabled());
    QVERIFY(!tray->retryAction()->isVisible());
    QVERIFY(tray->quitAction()->isEnabled());

    // The update timer waits for the access token to run out, give or take
    // the 5% by which a coarse timer may move. The minute ticker covers the
    // rest.
    const qint64 untilExpiryMs = QDateTime::currentDateTimeUtc().msecsTo(expiresAt);
    QVERIFY(tray->msecsToNextUpdate() >= coarseTimerEarliest(int(untilExpiryMs) - 5000));
    QVERIFY(tray->msecsToNextUpdate() <= coarseTimerLatest(int(untilExpiryMs) + 1));
}

void TestSessionLifecycle::offlineShowsNextTry()
{
    installClock();
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();

    m_server.stop();
    m_app.session()->refreshNow();

    QTRY_COMPARE(m_app.session()->state(), Session::State::Offline);
    TrayController* tray = m_app.tray();
    const QString toolTip = tray->trayIcon()->toolTip();
    const QDateTime retryAt = m_app.session()->nextRefreshAt();
    QVERIFY(retryAt.isValid());
    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Signed in as grace — offline"));
    QVERIFY2(toolTip.contains(QStringLiteral("Cannot reach the server. Next try at %1.")
                                  .arg(SessionSummary::formatMoment(retryAt))),
             qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Access token expires at")), qPrintable(toolTip));
    QVERIFY(!tray->signInAction()->isEnabled());
    QVERIFY(tray->signOutAction()->isEnabled());
    QVERIFY(tray->signOutAndForgetAction()->isEnabled());
    QVERIFY(!tray->retryAction()->isVisible());
    QVERIFY(tray->quitAction()->isEnabled());
    QVERIFY(!m_app.signInDialog()->isVisible());
    tray->menu()->adjustSize();
    QVERIFY(GuiTest::saveScreenshot(tray->menu(), QStringLiteral("lifecycle-tray-menu-offline")));
}

void TestSessionLifecycle::expiredTokenShowsWithoutStateChange()
{
    installClock();
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();
    const QDateTime expiresAt = m_app.session()->accessTokenExpiresAt();

    // Offline with 300 ms of the access token left by the clock.
    m_server.stop();
    m_clock->setCurrentUtc(expiresAt.addMSecs(-300));
    m_app.session()->refreshNow();
    QTRY_COMPARE(m_app.session()->state(), Session::State::Offline);
    TrayController* tray = m_app.tray();
    QVERIFY2(tray->toolTipText().contains(QStringLiteral("Access token expires at")), qPrintable(tray->toolTipText()));
    QVERIFY(tray->msecsToNextUpdate() <= coarseTimerLatest(301));

    // The token runs out while the Session stays quiet: the clock does not
    // move by itself, so its next retry is never due.
    QSignalSpy stateChanges(m_app.session(), &Session::stateChanged);
    QSignalSpy changes(m_app.session(), &Session::changed);
    m_clock->advance(1s);

    const QString expiredText = QStringLiteral("Access token expired — reconnecting…");
    QTRY_COMPARE(tray->headerAction()->text(), expiredText);
    const QString toolTip = tray->trayIcon()->toolTip();
    QVERIFY2(toolTip.startsWith(expiredText + QLatin1Char('\n')), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("User: grace")), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("Cannot reach the server. Next try at")), qPrintable(toolTip));
    QVERIFY2(!toolTip.contains(QStringLiteral("Access token expires at")), qPrintable(toolTip));
    QCOMPARE(m_app.session()->state(), Session::State::Offline);
    QCOMPARE(stateChanges.count(), 0);
    QCOMPARE(changes.count(), 0);
    QVERIFY(tray->signOutAction()->isEnabled());

    // Nothing but the minute ticker changes the text any more.
    QCOMPARE(tray->msecsToNextUpdate(), -1);
}

void TestSessionLifecycle::serverEndsSession()
{
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();
    QSignalSpy notifications(m_app.controller(), &AppController::notificationShown);
    QSignalSpy ended(m_app.session(), &Session::sessionEnded);

    // Without --state the restarted server has forgotten every token it issued.
    FakeServer::Options options;
    options.port = m_server.port();
    m_server.stop();
    QVERIFY(startServer(options));
    m_app.session()->refreshNow();

    QTRY_COMPARE(m_app.session()->state(), Session::State::SessionEnded);
    QCOMPARE(ended.count(), 1);
    const QString reason = ended.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("Sign in again")), qPrintable(reason));
    QTRY_VERIFY(m_app.signInDialog()->isVisible());
    QCOMPARE(m_app.signInField("userNameEdit")->text(), m_plainUser.userName);
    QVERIFY(m_app.signInField("passwordEdit")->text().isEmpty());
    QCOMPARE(m_app.signInDialog()->errorText(), reason);
    QVERIFY(!m_app.signInDialog()->retryButton()->isVisible());
    QCOMPARE(notifications.count(), 1);
    QCOMPARE(notifications.at(0).at(0).toString(), QStringLiteral("Session ended"));
    QCOMPARE(notifications.at(0).at(1).toString(), reason);

    TrayController* tray = m_app.tray();
    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Session of grace ended: sign in again"));
    QVERIFY(tray->signInAction()->isEnabled());
    QVERIFY(!tray->signOutAction()->isEnabled());
    QVERIFY(!tray->signOutAndForgetAction()->isEnabled());
    QCOMPARE(tray->msecsToNextUpdate(), -1);
    QVERIFY(GuiTest::saveScreenshot(m_app.signInDialog(), QStringLiteral("lifecycle-session-ended")));

    // The ended session was deleted from the keychain.
    const QString key = StoredSession::sessionKey(m_server.url(), m_plainUser.userName);
    QCOMPARE(m_app.keychainStatus(key), KeychainStore::Status::NotFound);
}

void TestSessionLifecycle::expiredStoredSessionAtStart()
{
    installClock();
    QVERIFY(startServer());
    m_app.start(m_server.url());
    signInAsGrace();
    const QDateTime refreshTokenExpiresAt = m_app.session()->refreshTokenExpiresAt();

    // The app quits and starts again after the stored refresh token ended.
    m_app.stop();
    m_clock->setCurrentUtc(refreshTokenExpiresAt.addSecs(60));
    m_app.start(m_server.url());
    QSignalSpy notifications(m_app.controller(), &AppController::notificationShown);

    QTRY_COMPARE(m_app.session()->state(), Session::State::SessionEnded);
    QTRY_VERIFY(m_app.signInDialog()->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(m_app.signInDialog()));
    QCOMPARE(m_app.signInField("userNameEdit")->text(), m_plainUser.userName);
    QCOMPARE(QApplication::focusWidget(), m_app.signInField("passwordEdit"));
    QCOMPARE(notifications.count(), 1);
    QCOMPARE(notifications.at(0).at(0).toString(), QStringLiteral("Session ended"));
    const QString reason = notifications.at(0).at(1).toString();
    QVERIFY2(reason.contains(QStringLiteral("expired")), qPrintable(reason));
    QCOMPARE(m_app.signInDialog()->errorText(), reason);
}

void TestSessionLifecycle::expiryWarningShownOnce()
{
    FakeServer::Options options;
    options.refreshTokenSeconds = 3600;
    QVERIFY(startServer(options));
    m_app.start(m_server.url());
    m_app.session()->setExpiryWarningLead(7200);
    QSignalSpy notifications(m_app.controller(), &AppController::notificationShown);
    QSignalSpy warnings(m_app.session(), &Session::refreshTokenExpiringSoon);

    signInAsGrace();

    QCOMPARE(warnings.count(), 1);
    QCOMPARE(notifications.count(), 1);
    const QDateTime expiresAt = m_app.session()->refreshTokenExpiresAt();
    const QString message = notifications.at(0).at(1).toString();
    QCOMPARE(notifications.at(0).at(0).toString(), QStringLiteral("Session ends soon"));
    QVERIFY2(message.contains(SessionSummary::formatLongDate(expiresAt)), qPrintable(message));
    QVERIFY2(message.contains(SessionSummary::formatTime(expiresAt)), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("sign in again")), qPrintable(message));

    // The offscreen platform has no tray, so a message box shows the warning.
    bool warningBoxFound = false;
    for (QMessageBox* box : visibleMessageBoxes()) {
        if (box->text() == message)
            warningBoxFound = true;
    }
    QVERIFY(warningBoxFound);

    for (int check = 0; check < 3; ++check)
        m_app.session()->checkDeadlines();
    m_app.session()->refreshNow();
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    m_app.session()->checkDeadlines();

    QCOMPARE(warnings.count(), 1);
    QCOMPARE(notifications.count(), 1);

    // A repeated signal with the same deadline is not shown again either.
    emit m_app.session()->refreshTokenExpiringSoon(expiresAt);
    QCOMPARE(notifications.count(), 1);
}

void TestSessionLifecycle::signOutForgetsDevice_data()
{
    QTest::addColumn<bool>("forget");
    QTest::addColumn<KeychainStore::Status>("rememberDeviceEntry");

    QTest::newRow("sign out keeps the device") << false << KeychainStore::Status::Ok;
    QTest::newRow("sign out and forget deletes it") << true << KeychainStore::Status::NotFound;
}

void TestSessionLifecycle::signOutForgetsDevice()
{
    QFETCH(bool, forget);
    QFETCH(KeychainStore::Status, rememberDeviceEntry);
    QVERIFY(startServer());
    m_app.start(m_server.url());
    const QString rememberKey = StoredSession::rememberDeviceKey(m_server.url(), m_twoFactorUser.userName);
    const auto removeEntry = qScopeGuard([this, rememberKey] {
        if (!m_app.removeKeychainEntry(rememberKey))
            qWarning("the remember-device entry of this test was not deleted");
    });

    // A two-factor sign-in with "Remember this device" stores the remember-device token.
    QVERIFY(m_app.submitSignIn(m_twoFactorUser.userName, m_twoFactorUser.password));
    TwoFactorDialog* twoFactorDialog = m_app.controller()->twoFactorDialog();
    QTRY_VERIFY(twoFactorDialog->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(twoFactorDialog));
    auto* rememberCheck = twoFactorDialog->findChild<QCheckBox*>(QStringLiteral("rememberDeviceCheck"));
    QVERIFY(rememberCheck);
    rememberCheck->setChecked(true);
    auto* codeEdit = twoFactorDialog->findChild<QLineEdit*>(QStringLiteral("codeEdit"));
    QTest::keyClicks(codeEdit, m_twoFactorUser.twoFactorCode);
    QTest::keyClick(codeEdit, Qt::Key_Return);
    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    QTRY_COMPARE(m_app.keychainStatus(rememberKey), KeychainStore::Status::Ok);

    TrayController* tray = m_app.tray();
    QAction* action = forget ? tray->signOutAndForgetAction() : tray->signOutAction();
    action->trigger();

    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedOut);
    QTRY_VERIFY(m_app.signInDialog()->isVisible());
    QCOMPARE(m_app.signInField("userNameEdit")->text(), m_twoFactorUser.userName);
    QTRY_COMPARE(m_app.keychainStatus(StoredSession::sessionKey(m_server.url(), m_twoFactorUser.userName)),
                 KeychainStore::Status::NotFound);
    QTRY_COMPARE(m_app.keychainStatus(rememberKey), rememberDeviceEntry);
    QVERIFY(tray->signInAction()->isEnabled());
    QVERIFY(!tray->signOutAndForgetAction()->isEnabled());
}

DENVR_GUI_TEST_MAIN(TestSessionLifecycle)
#include "tst_sessionlifecycle.moc"
