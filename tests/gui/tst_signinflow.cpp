// The whole GUI against the real denvr-fake-server: AppController, the real
// Session, ApiClient and KeychainStore, driven with key clicks and mouse
// clicks as a user would.

#include "GuiTestSupport.h"

#include "ApiCall.h"
#include "ApiClient.h"
#include "AppController.h"
#include "AppSettings.h"
#include "FakeServer.h"
#include "KeychainStore.h"
#include "PasswordResetPrompt.h"
#include "ServerUrl.h"
#include "Session.h"
#include "SignInDialog.h"
#include "StatusWindow.h"
#include "TrayController.h"
#include "TwoFactorDialog.h"

#include <QAction>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

// Receives the URLs that QDesktopServices::openUrl() would give the browser.
class UrlRecorder : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void openUrl(const QUrl& url) { urls.append(url); }
};

class TestSignInFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void startOpensSignInDialog();
    void twoFactorSignIn();
    void plainSignIn();
    void wrongPassword();
    void wrongCode();
    void cancelTwoFactorReturnsToSignIn();
    void passwordReset();
    void cancelledRequest();
    void unreachableServer();
    void trayMenuFollowsState();
    void signOutShowsSignInDialog();
    void restartRestoresSession();
    void restartPrefillsLastUser();
    void sessionEndedShowsReason();
    void keychainProblemShownInDialog();
    void activateShowsSignInDialog();
    void statusWindowWithoutTray();
    void statusWindowCloseMinimizes();
    void statusWindowQuitButton();
    void activateWhenSignedInShowsStatus();

private:
    SignInDialog* signInDialog() const { return m_controller->signInDialog(); }
    TwoFactorDialog* twoFactorDialog() const { return m_controller->twoFactorDialog(); }
    QLineEdit* signInField(const char* name) const
    {
        return signInDialog()->findChild<QLineEdit*>(QString::fromLatin1(name));
    }
    QLineEdit* codeEdit() const { return twoFactorDialog()->findChild<QLineEdit*>(QStringLiteral("codeEdit")); }

    void startApp();
    void stopApp();
    void waitForSignInDialog();
    void typeCredentials(const QString& userName, const QString& password);
    void typeServer(const QUrl& server);
    void reachTwoFactorDialog();
    void signInWithTwoFactor();
    PasswordResetPrompt* findResetPrompt() const;

    FakeServer m_server;
    FakeServer::User m_twoFactorUser = FakeServer::twoFactorUser();
    FakeServer::User m_plainUser = FakeServer::plainUser();
    FakeServer::User m_resetUser;

    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<KeychainStore> m_keychain;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<AppController> m_controller;
};

void TestSignInFlow::initTestCase()
{
    m_resetUser.userName = QStringLiteral("hopper");
    m_resetUser.emailAddress = QStringLiteral("hopper@example.com");
    m_resetUser.password = QStringLiteral("cobol-1959");
    m_resetUser.shouldResetPassword = true;

    FakeServer::Options options;
    options.users = {m_twoFactorUser, m_plainUser, m_resetUser};
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorMessage()));
}

void TestSignInFlow::init()
{
    // Every test starts as a fresh install: no last user, the default server.
    QSettings(QString::fromLatin1(AppSettings::OrganizationName), QString::fromLatin1(AppSettings::ApplicationName))
        .clear();

    startApp();
}

void TestSignInFlow::startApp()
{
    m_client = std::make_unique<ApiClient>();
    m_keychain = std::make_unique<KeychainStore>(QString::fromLatin1(GuiTest::KeychainService));
    m_session = std::make_unique<Session>(m_client.get(), m_keychain.get());
    m_controller = std::make_unique<AppController>(m_session.get());

    m_controller->start(m_server.url());
}

void TestSignInFlow::waitForSignInDialog()
{
    QTRY_VERIFY(signInDialog()->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(signInDialog()));
}

void TestSignInFlow::stopApp()
{
    m_controller.reset();
    m_session.reset();
    m_keychain.reset();
    m_client.reset();
}

void TestSignInFlow::cleanup()
{
    // Signing out deletes the keychain entry that "Keep me signed in" wrote.
    if (m_session->state() == Session::State::SignedIn) {
        m_session->signOut();
        QTRY_COMPARE(m_session->state(), Session::State::SignedOut);
    }

    stopApp();
}

void TestSignInFlow::typeCredentials(const QString& userName, const QString& password)
{
    waitForSignInDialog();
    QLineEdit* userNameEdit = signInField("userNameEdit");
    QTest::mouseClick(userNameEdit, Qt::LeftButton);
    userNameEdit->selectAll();
    QTest::keyClicks(userNameEdit, userName);
    QTest::keyClick(userNameEdit, Qt::Key_Tab);
    QTest::keyClicks(QApplication::focusWidget(), password);
}

void TestSignInFlow::typeServer(const QUrl& server)
{
    waitForSignInDialog();
    QLineEdit* serverEdit = signInField("serverEdit");
    QTest::mouseClick(serverEdit, Qt::LeftButton);
    serverEdit->selectAll();
    QTest::keyClicks(serverEdit, server.toString());
}

void TestSignInFlow::reachTwoFactorDialog()
{
    typeCredentials(m_twoFactorUser.userName, m_twoFactorUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);

    QTRY_VERIFY(twoFactorDialog()->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(twoFactorDialog()));
    QCOMPARE(m_session->state(), Session::State::AwaitingSecondFactor);
}

void TestSignInFlow::signInWithTwoFactor()
{
    reachTwoFactorDialog();
    QTest::keyClicks(codeEdit(), m_twoFactorUser.twoFactorCode);
    QTest::keyClick(codeEdit(), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
}

PasswordResetPrompt* TestSignInFlow::findResetPrompt() const
{
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        auto* prompt = qobject_cast<PasswordResetPrompt*>(widget);
        if (prompt && prompt->isVisible())
            return prompt;
    }
    return nullptr;
}

void TestSignInFlow::startOpensSignInDialog()
{
    waitForSignInDialog();
    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QVERIFY(!twoFactorDialog()->isVisible());
    QCOMPARE(signInField("serverEdit")->text(), m_server.url().toString());
    QCOMPARE(QApplication::focusWidget(), signInField("userNameEdit"));
}

void TestSignInFlow::twoFactorSignIn()
{
    typeCredentials(m_twoFactorUser.userName, m_twoFactorUser.password);
    QCOMPARE(QApplication::focusWidget(), signInField("passwordEdit"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);

    QTRY_VERIFY(twoFactorDialog()->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(twoFactorDialog()));
    QVERIFY(!signInDialog()->isVisible());
    QCOMPARE(QApplication::focusWidget(), codeEdit());
    QCOMPARE(twoFactorDialog()->selectedProvider(), QStringLiteral("Email"));
    QVERIFY(twoFactorDialog()->sendCodeButton()->isEnabled());

    QSignalSpy codeSent(m_session.get(), &Session::twoFactorCodeSent);
    QTest::mouseClick(twoFactorDialog()->sendCodeButton(), Qt::LeftButton);
    QVERIFY(codeSent.wait());
    QCOMPARE(twoFactorDialog()->noteText(), QStringLiteral("A code was sent by email."));
    QVERIFY(m_server.countRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/SendTwoFactorAuthCode")) >=
            1);
    QVERIFY(GuiTest::saveScreenshot(twoFactorDialog(), QStringLiteral("flow-two-factor-code-sent")));

    QTest::keyClicks(codeEdit(), m_twoFactorUser.twoFactorCode);
    QTest::keyClick(codeEdit(), Qt::Key_Return);

    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    QVERIFY(!signInDialog()->isVisible());
    QVERIFY(!twoFactorDialog()->isVisible());
    QVERIFY(signInField("passwordEdit")->text().isEmpty());
    QVERIFY(codeEdit()->text().isEmpty());

    const QString toolTip = m_controller->trayController()->trayIcon()->toolTip();
    const QDateTime expiresAt = m_session->accessTokenExpiresAt().toLocalTime();
    QVERIFY(expiresAt.isValid());
    QVERIFY2(toolTip.contains(QStringLiteral("Signed in as ada")), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(ServerUrl::origin(m_server.url())), qPrintable(toolTip));
    QVERIFY2(toolTip.contains(QLocale().toString(expiresAt.time(), QLocale::ShortFormat)), qPrintable(toolTip));
}

void TestSignInFlow::plainSignIn()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);

    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    QVERIFY(!signInDialog()->isVisible());
    QVERIFY(!twoFactorDialog()->isVisible());
    QCOMPARE(m_session->userName(), QStringLiteral("grace"));
}

void TestSignInFlow::wrongPassword()
{
    QSignalSpy failed(m_session.get(), &Session::signInFailed);
    typeCredentials(m_twoFactorUser.userName, QStringLiteral("wrong password"));
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);

    QVERIFY(failed.wait());
    const auto error = failed.at(0).at(0).value<ApiError>();
    QCOMPARE(error.kind, ApiError::Kind::InvalidCredentials);
    QVERIFY2(signInDialog()->errorText().contains(QStringLiteral("Invalid user name or password")),
             qPrintable(signInDialog()->errorText()));
    QVERIFY(signInDialog()->isVisible());
    QVERIFY(signInField("passwordEdit")->text().isEmpty());
    QCOMPARE(signInField("userNameEdit")->text(), m_twoFactorUser.userName);
    QCOMPARE(QApplication::focusWidget(), signInField("passwordEdit"));
    QVERIFY(signInField("passwordEdit")->isEnabled());
    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QVERIFY(GuiTest::saveScreenshot(signInDialog(), QStringLiteral("flow-sign-in-wrong-password")));
}

void TestSignInFlow::wrongCode()
{
    reachTwoFactorDialog();
    QSignalSpy failed(m_session.get(), &Session::signInFailed);

    QTest::keyClicks(codeEdit(), QStringLiteral("000000"));
    QTest::keyClick(codeEdit(), Qt::Key_Return);

    QVERIFY(failed.wait());
    const auto error = failed.at(0).at(0).value<ApiError>();
    QCOMPARE(error.kind, ApiError::Kind::InvalidSecurityCode);
    QCOMPARE(error.httpStatus, 500);
    QCOMPARE(twoFactorDialog()->errorText(), error.userText());
    QVERIFY(twoFactorDialog()->isVisible());
    QVERIFY(!signInDialog()->isVisible());
    QVERIFY(codeEdit()->text().isEmpty());
    QVERIFY(codeEdit()->isEnabled());
    QCOMPARE(QApplication::focusWidget(), codeEdit());
    QCOMPARE(m_session->state(), Session::State::AwaitingSecondFactor);
    QVERIFY(GuiTest::saveScreenshot(twoFactorDialog(), QStringLiteral("flow-two-factor-wrong-code")));

    // The right code still works after a wrong one.
    QTest::keyClicks(codeEdit(), m_twoFactorUser.twoFactorCode);
    QTest::keyClick(codeEdit(), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
}

void TestSignInFlow::cancelTwoFactorReturnsToSignIn()
{
    reachTwoFactorDialog();

    QTest::mouseClick(twoFactorDialog()->cancelButton(), Qt::LeftButton);

    QTRY_COMPARE(m_session->state(), Session::State::SignedOut);
    QVERIFY(!twoFactorDialog()->isVisible());
    QVERIFY(signInDialog()->isVisible());
    QCOMPARE(signInField("userNameEdit")->text(), m_twoFactorUser.userName);
    QVERIFY(signInField("passwordEdit")->text().isEmpty());
    QVERIFY(signInDialog()->errorText().isEmpty());
}

void TestSignInFlow::passwordReset()
{
    UrlRecorder browser;
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "openUrl");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "openUrl");
    const auto restoreHandlers = qScopeGuard([] {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    });

    typeCredentials(m_resetUser.userName, m_resetUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);

    QTRY_VERIFY(findResetPrompt());
    PasswordResetPrompt* prompt = findResetPrompt();
    QCOMPARE(prompt, m_controller->passwordResetPrompt());
    QVERIFY2(prompt->text().contains(QStringLiteral("reset")), qPrintable(prompt->text()));
    QVERIFY2(prompt->informativeText().contains(QStringLiteral("DenvrCloud console")),
             qPrintable(prompt->informativeText()));
    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QVERIFY(signInField("passwordEdit")->text().isEmpty());
    QVERIFY(GuiTest::saveScreenshot(prompt, QStringLiteral("flow-password-reset")));

    QPushButton* openButton = nullptr;
    for (QPushButton* button : prompt->findChildren<QPushButton*>()) {
        if (button->text() == QStringLiteral("Open reset page"))
            openButton = button;
    }
    QVERIFY(openButton);
    QTest::mouseClick(openButton, Qt::LeftButton);

    QCOMPARE(browser.urls.size(), 1);
    QCOMPARE(browser.urls.at(0).host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(browser.urls.at(0).path(), QStringLiteral("/account/reset-password"));
    QTRY_VERIFY(!findResetPrompt());
}

void TestSignInFlow::cancelledRequest()
{
    FakeServer slowServer;
    FakeServer::Options options;
    options.users = {m_plainUser};
    options.delayMs = 5000;
    QVERIFY2(slowServer.start(options), qPrintable(slowServer.errorMessage()));

    typeServer(slowServer.url());
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SigningIn, 200);
    QVERIFY(!signInField("userNameEdit")->isEnabled());
    QVERIFY(!signInField("passwordEdit")->isEnabled());
    QVERIFY(!signInDialog()->signInButton()->isEnabled());
    QVERIFY(GuiTest::saveScreenshot(signInDialog(), QStringLiteral("flow-sign-in-busy")));

    QTest::mouseClick(signInDialog()->cancelButton(), Qt::LeftButton);

    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QVERIFY(signInDialog()->isVisible());
    QVERIFY(signInField("userNameEdit")->isEnabled());
    QVERIFY(signInField("passwordEdit")->isEnabled());
    QVERIFY(signInField("serverEdit")->isEnabled());
    QVERIFY(signInDialog()->errorText().isEmpty());
    QVERIFY(signInDialog()->findChild<QLabel*>(QStringLiteral("errorLabel"))->isHidden());
    QCOMPARE(signInField("userNameEdit")->text(), m_plainUser.userName);
}

void TestSignInFlow::unreachableServer()
{
    const quint16 closedPort = GuiTest::closedLoopbackPort();
    QVERIFY(closedPort != 0);
    QSignalSpy failed(m_session.get(), &Session::signInFailed);

    typeServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)));
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);

    QVERIFY(failed.wait());
    const auto error = failed.at(0).at(0).value<ApiError>();
    QCOMPARE(error.kind, ApiError::Kind::ConnectionRefused);
    QCOMPARE(signInDialog()->errorText(), error.userText());
    QVERIFY2(signInDialog()->errorText().contains(QStringLiteral("refused")), qPrintable(signInDialog()->errorText()));
    QVERIFY(signInField("userNameEdit")->isEnabled());
    QVERIFY(GuiTest::saveScreenshot(signInDialog(), QStringLiteral("flow-sign-in-unreachable")));
}

void TestSignInFlow::trayMenuFollowsState()
{
    waitForSignInDialog();
    TrayController* tray = m_controller->trayController();
    QVERIFY(!tray->headerAction()->isEnabled());
    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Signed out"));
    QVERIFY(tray->signInAction()->isEnabled());
    QVERIFY(!tray->signOutAction()->isEnabled());
    QVERIFY(tray->quitAction()->isEnabled());
    QVERIFY(tray->signOutAction()->isVisible());

    signInWithTwoFactor();

    QCOMPARE(tray->headerAction()->text(), QStringLiteral("Signed in as ada"));
    QVERIFY(!tray->signInAction()->isEnabled());
    QVERIFY(tray->signInAction()->isVisible());
    QVERIFY(tray->signOutAction()->isEnabled());
    QVERIFY(tray->quitAction()->isEnabled());

    QSignalSpy quit(m_controller.get(), &AppController::quitRequested);
    tray->quitAction()->trigger();
    QCOMPARE(quit.count(), 1);
}

void TestSignInFlow::signOutShowsSignInDialog()
{
    signInWithTwoFactor();
    QVERIFY(!signInDialog()->isVisible());
    const int logOutsBefore = m_server.countRequests(QStringLiteral("GET"), QStringLiteral("/api/TokenAuth/LogOut"));

    m_controller->trayController()->signOutAction()->trigger();

    QTRY_COMPARE(m_session->state(), Session::State::SignedOut);
    QTRY_VERIFY(signInDialog()->isVisible());
    QCOMPARE(signInField("userNameEdit")->text(), m_twoFactorUser.userName);
    QVERIFY(signInField("passwordEdit")->text().isEmpty());
    QCOMPARE(m_server.countRequests(QStringLiteral("GET"), QStringLiteral("/api/TokenAuth/LogOut")), logOutsBefore + 1);
    QVERIFY(m_controller->trayController()->signInAction()->isEnabled());
}

void TestSignInFlow::restartRestoresSession()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    QTRY_VERIFY(m_session->isStored());

    stopApp();
    startApp();

    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    QCOMPARE(m_session->userName(), m_plainUser.userName);
    QVERIFY(!signInDialog()->isVisible());
    QVERIFY(!twoFactorDialog()->isVisible());
    QVERIFY2(m_controller->trayController()->toolTipText().contains(QStringLiteral("Signed in as grace")),
             qPrintable(m_controller->trayController()->toolTipText()));
}

void TestSignInFlow::restartPrefillsLastUser()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    m_session->signOut();
    QTRY_COMPARE(m_session->state(), Session::State::SignedOut);

    stopApp();
    startApp();

    waitForSignInDialog();
    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QCOMPARE(signInField("userNameEdit")->text(), m_plainUser.userName);
    QVERIFY(signInField("passwordEdit")->text().isEmpty());
    QCOMPARE(QApplication::focusWidget(), signInField("passwordEdit"));
}

void TestSignInFlow::sessionEndedShowsReason()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    QTRY_VERIFY(m_session->isStored());

    // Another client signs the session out, so the server revokes its refresh token.
    ApiClient otherClient;
    otherClient.setServerUrl(m_server.url());
    ApiCall* logOut = otherClient.logOut(m_session->accessToken());
    QSignalSpy logOutFinished(logOut, &ApiCall::finished);
    QVERIFY(logOutFinished.wait());

    QSignalSpy ended(m_session.get(), &Session::sessionEnded);
    m_session->refreshNow();

    QVERIFY(ended.wait());
    QCOMPARE(m_session->state(), Session::State::SessionEnded);
    QTRY_VERIFY(signInDialog()->isVisible());
    QCOMPARE(signInField("userNameEdit")->text(), m_plainUser.userName);
    QCOMPARE(signInDialog()->errorText(), ended.at(0).at(0).toString());
    QVERIFY(m_controller->trayController()->signInAction()->isEnabled());
    QVERIFY(!m_controller->trayController()->signOutAction()->isEnabled());
    QVERIFY(GuiTest::saveScreenshot(signInDialog(), QStringLiteral("flow-session-ended")));

    // Signing in again is possible from the ended session.
    QTest::keyClicks(signInField("passwordEdit"), m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
}

void TestSignInFlow::keychainProblemShownInDialog()
{
    waitForSignInDialog();
    const QString message = QStringLiteral("The keychain is locked.");

    emit m_session->keychainProblem(message);

    QCOMPARE(signInDialog()->errorText(), message);
}

void TestSignInFlow::activateShowsSignInDialog()
{
    waitForSignInDialog();
    QTest::mouseClick(signInDialog()->cancelButton(), Qt::LeftButton);
    QVERIFY(!signInDialog()->isVisible());

    m_controller->activate();

    QVERIFY(signInDialog()->isVisible());
}

void TestSignInFlow::statusWindowWithoutTray()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);

    // The offscreen platform has no tray, so a status window takes its place.
    QVERIFY(!m_controller->hasTray());
    StatusWindow* status = m_controller->statusWindow();
    QVERIFY(status);
    QVERIFY(status->isVisible());
    QCOMPARE(status->headlineLabel()->text(), QStringLiteral("Signed in as grace"));
    const QString details = status->detailsLabel()->text();
    QVERIFY2(details.contains(ServerUrl::origin(m_server.url())), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Renews at")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Session valid until")), qPrintable(details));
    QVERIFY(GuiTest::saveScreenshot(status, QStringLiteral("status-window")));

    auto* signOutButton = qobject_cast<QPushButton*>(status->buttonFor(m_controller->trayController()->signOutAction()));
    QVERIFY(signOutButton);
    QVERIFY(signOutButton->isEnabled());
    QTest::mouseClick(signOutButton, Qt::LeftButton);

    QTRY_COMPARE(m_session->state(), Session::State::SignedOut);
    QVERIFY(signInDialog()->isVisible());
    QVERIFY(!status->isVisible());
}

void TestSignInFlow::statusWindowCloseMinimizes()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    StatusWindow* status = m_controller->statusWindow();
    QVERIFY(status);
    QSignalSpy quits(m_controller.get(), &AppController::quitRequested);

    QVERIFY(!status->close());

    QVERIFY(status->isMinimized());
    QCOMPARE(quits.count(), 0);
}

void TestSignInFlow::statusWindowQuitButton()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    StatusWindow* status = m_controller->statusWindow();
    QVERIFY(status);
    QSignalSpy quits(m_controller.get(), &AppController::quitRequested);

    auto* quitButton = qobject_cast<QPushButton*>(status->buttonFor(m_controller->trayController()->quitAction()));
    QVERIFY(quitButton);
    QTest::mouseClick(quitButton, Qt::LeftButton);

    QCOMPARE(quits.count(), 1);
}

void TestSignInFlow::activateWhenSignedInShowsStatus()
{
    typeCredentials(m_plainUser.userName, m_plainUser.password);
    QTest::keyClick(signInField("passwordEdit"), Qt::Key_Return);
    QTRY_COMPARE(m_session->state(), Session::State::SignedIn);
    QVERIFY(m_controller->statusWindow());
    m_controller->statusWindow()->hide();

    m_controller->activate();

    QVERIFY(m_controller->statusWindow()->isVisible());
    QCOMPARE(m_controller->statusWindow()->isMinimized(), false);
}

DENVR_GUI_TEST_MAIN(TestSignInFlow)
#include "tst_signinflow.moc"
