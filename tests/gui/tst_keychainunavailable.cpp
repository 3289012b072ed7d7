// The GUI where no Secret Service can be reached: ctest points
// DBUS_SESSION_BUS_ADDRESS at a socket that does not exist, so every
// keychain job fails. The stored session cannot be read, the sign-in dialog
// shows the reason and offers Retry, and a sign-in still works with the
// session kept in memory only. The server is the real denvr-fake-server.

#include "AppHarness.h"
#include "GuiTestSupport.h"

#include "AppController.h"
#include "AppSettings.h"
#include "FakeServer.h"
#include "Session.h"
#include "SignInDialog.h"
#include "TrayController.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString KeychainService = QStringLiteral("denvr-signin-gui-no-keychain-test");
const QString MissingBusAddress = QStringLiteral("unix:path=/nonexistent-denvr-gui-bus");

} // namespace

class TestKeychainUnavailable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void dialogOffersRetry();
    void retryReadsAgain_data();
    void retryReadsAgain();
    void signInWorksWithoutKeychain();

private:
    void waitForKeychainUnavailable();

    FakeServer m_server;
    FakeServer::User m_plainUser = FakeServer::plainUser();
    AppHarness m_app{KeychainService};
    std::unique_ptr<QSignalSpy> m_notifications;
};

void TestKeychainUnavailable::initTestCase()
{
    QCOMPARE(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"), MissingBusAddress);

    FakeServer::Options options;
    options.users = {m_plainUser};
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorMessage()));
}

void TestKeychainUnavailable::init()
{
    // grace signed in to this server before, so the app looks for her stored session.
    QSettings(QString::fromLatin1(AppSettings::OrganizationName), QString::fromLatin1(AppSettings::ApplicationName))
        .clear();
    AppSettings::setLastUserName(m_server.url(), m_plainUser.userName);

    m_app.start(m_server.url());
    m_notifications = std::make_unique<QSignalSpy>(m_app.controller(), &AppController::notificationShown);
}

void TestKeychainUnavailable::cleanup()
{
    if (m_app.session()->state() == Session::State::SignedIn) {
        m_app.session()->signOut();
        QTRY_COMPARE(m_app.session()->state(), Session::State::SignedOut);
    }

    m_notifications.reset();
    m_app.stop();
}

void TestKeychainUnavailable::waitForKeychainUnavailable()
{
    QTRY_COMPARE(m_app.session()->state(), Session::State::KeychainUnavailable);
    QTRY_VERIFY(m_app.signInDialog()->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(m_app.signInDialog()));
}

void TestKeychainUnavailable::dialogOffersRetry()
{
    waitForKeychainUnavailable();

    SignInDialog* dialog = m_app.signInDialog();
    QCOMPARE(m_notifications->count(), 1);
    QCOMPARE(m_notifications->at(0).at(0).toString(), QStringLiteral("Keychain problem"));
    const QString message = m_notifications->at(0).at(1).toString();
    QVERIFY(!message.isEmpty());
    QCOMPARE(dialog->errorText(), message);
    QVERIFY(dialog->retryButton()->isVisible());
    QVERIFY(dialog->retryButton()->isEnabled());
    QVERIFY(dialog->signInButton()->isVisible());
    QCOMPARE(m_app.signInField("userNameEdit")->text(), m_plainUser.userName);
    QCOMPARE(QApplication::focusWidget(), m_app.signInField("passwordEdit"));
    QVERIFY(GuiTest::saveScreenshot(dialog, QStringLiteral("lifecycle-keychain-unavailable")));

    TrayController* tray = m_app.tray();
    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Keychain unavailable: sign in to continue"));
    QVERIFY(tray->retryAction()->isVisible());
    QVERIFY(tray->retryAction()->isEnabled());
    QVERIFY(tray->signInAction()->isEnabled());
    QVERIFY(!tray->signOutAction()->isEnabled());
    QVERIFY(!tray->signOutAndForgetAction()->isEnabled());
    QVERIFY(tray->quitAction()->isEnabled());
    tray->menu()->adjustSize();
    QVERIFY(GuiTest::saveScreenshot(tray->menu(), QStringLiteral("lifecycle-tray-menu-keychain-unavailable")));
}

void TestKeychainUnavailable::retryReadsAgain_data()
{
    QTest::addColumn<bool>("fromTray");

    QTest::newRow("dialog button") << false;
    QTest::newRow("tray menu") << true;
}

void TestKeychainUnavailable::retryReadsAgain()
{
    QFETCH(bool, fromTray);
    waitForKeychainUnavailable();
    QSignalSpy stateChanges(m_app.session(), &Session::stateChanged);

    if (fromTray)
        m_app.tray()->retryAction()->trigger();
    else
        QTest::mouseClick(m_app.signInDialog()->retryButton(), Qt::LeftButton);

    QTRY_COMPARE(m_notifications->count(), 2);
    QTRY_COMPARE(m_app.session()->state(), Session::State::KeychainUnavailable);
    QCOMPARE(stateChanges.count(), 2);
    QCOMPARE(stateChanges.at(0).at(0).value<Session::State>(), Session::State::Restoring);
    QCOMPARE(stateChanges.at(1).at(0).value<Session::State>(), Session::State::KeychainUnavailable);
    QVERIFY(m_app.signInDialog()->isVisible());
    QVERIFY(!m_app.signInDialog()->isBusy());
    QCOMPARE(m_app.signInDialog()->errorText(), m_notifications->at(1).at(1).toString());
    QVERIFY(m_app.signInDialog()->retryButton()->isVisible());
    QVERIFY(m_app.tray()->retryAction()->isVisible());
}

void TestKeychainUnavailable::signInWorksWithoutKeychain()
{
    waitForKeychainUnavailable();
    QLineEdit* passwordEdit = m_app.signInField("passwordEdit");

    QTest::keyClicks(passwordEdit, m_plainUser.password);
    QTest::keyClick(passwordEdit, Qt::Key_Return);

    QTRY_COMPARE(m_app.session()->state(), Session::State::SignedIn);
    QVERIFY(!m_app.signInDialog()->isVisible());

    // Storing the session fails as well, and a notification reports it.
    QTRY_COMPARE(m_notifications->count(), 2);
    QCOMPARE(m_notifications->at(1).at(0).toString(), QStringLiteral("Keychain problem"));
    const QString message = m_notifications->at(1).at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("will not be remembered")), qPrintable(message));
    QVERIFY(!m_app.session()->isStored());

    TrayController* tray = m_app.tray();
    const QString toolTip = tray->trayIcon()->toolTip();
    QVERIFY2(toolTip.startsWith(QStringLiteral("Signed in as grace\n")), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QStringLiteral("This session is not remembered after you quit.")), qPrintable(toolTip));
    QVERIFY(!tray->retryAction()->isVisible());
    QVERIFY(!m_app.signInDialog()->retryButton()->isVisible());
    QVERIFY(tray->signOutAction()->isEnabled());

    // Without a tray and with the dialog closed, a message box carries the problem.
    bool problemBoxFound = false;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        auto* box = qobject_cast<QMessageBox*>(widget);
        if (box && box->isVisible() && box->text() == message)
            problemBoxFound = true;
    }
    QVERIFY(problemBoxFound);
}

DENVR_GUI_TEST_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"
