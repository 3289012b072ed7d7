#include "AppController.h"

#include "ApiClient.h"
#include "AppSettings.h"
#include "Autostart.h"
#include "Clock.h"
#include "GuiResources.h"
#include "KeychainStore.h"
#include "LoggingCategories.h"
#include "PasswordResetPrompt.h"
#include "ServerUrl.h"
#include "SessionSummary.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "StatusWindow.h"
#include "TrayController.h"
#include "TwoFactorDialog.h"

#include <QAction>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPushButton>

namespace {

void raiseWindow(QWidget* window)
{
    if (window->isMinimized())
        window->showNormal();
    window->show();
    window->raise();
    window->activateWindow();
}

// How often an outage is checked against the notice delay.
constexpr int OutageCheckIntervalMs = 30 * 1000;

bool holdsSession(Session::State state)
{
    return state == Session::State::SignedIn || state == Session::State::Refreshing || state == Session::State::Offline;
}

} // namespace

AppController::AppController(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_signInDialog(std::make_unique<SignInDialog>())
    , m_twoFactorDialog(std::make_unique<TwoFactorDialog>())
    , m_tray(new TrayController(session, this))
{
    connect(m_session, &Session::stateChanged, this, &AppController::onStateChanged);
    connect(m_session, &Session::signInFailed, this, &AppController::onSignInFailed);
    connect(m_session, &Session::twoFactorCodeSent, m_twoFactorDialog.get(), &TwoFactorDialog::showCodeSent);
    connect(m_session, &Session::twoFactorCodeSendFailed, m_twoFactorDialog.get(), &TwoFactorDialog::showSendFailed);
    connect(m_session, &Session::keychainProblem, this, &AppController::onKeychainProblem);
    connect(m_session, &Session::sessionEnded, this, &AppController::onSessionEnded);
    connect(m_session, &Session::refreshTokenExpiringSoon, this, &AppController::onRefreshTokenExpiringSoon);

    connect(m_signInDialog.get(), &SignInDialog::signInRequested, this, &AppController::onSignInRequested);
    connect(m_signInDialog.get(), &SignInDialog::cancelRequested, m_session, &Session::cancel);
    connect(m_signInDialog.get(), &SignInDialog::retryRequested, this, &AppController::retryRestore);
    connect(m_signInDialog.get(), &QDialog::rejected, this, &AppController::onSignInDialogClosed);

    connect(m_twoFactorDialog.get(), &TwoFactorDialog::verifyRequested, this,
            [this] { m_session->submitTwoFactorCode(m_twoFactorDialog->code(), m_twoFactorDialog->rememberDevice()); });
    connect(m_twoFactorDialog.get(), &TwoFactorDialog::sendCodeRequested, m_session, &Session::sendTwoFactorCode);
    connect(m_twoFactorDialog.get(), &TwoFactorDialog::cancelRequested, m_session, &Session::cancel);

    connect(m_tray, &TrayController::signInRequested, this, &AppController::showSignInDialog);
    connect(m_tray, &TrayController::retryRequested, this, &AppController::retryRestore);
    connect(m_tray, &TrayController::quitRequested, this, [this] {
        qCInfo(lcGui) << "quit chosen in the tray menu";
        emit quitRequested();
    });

    connect(m_tray, &TrayController::settingsRequested, this, &AppController::showSettingsDialog);
    connect(m_tray, &TrayController::actionFailed, this, &AppController::showProblem);
    connect(m_tray, &TrayController::toolTipChanged, this, &AppController::updateStatusWindow);

    connect(m_session, &Session::changed, this, &AppController::checkOutage);
    m_outageTimer.setInterval(OutageCheckIntervalMs);
    connect(&m_outageTimer, &QTimer::timeout, this, &AppController::checkOutage);
}

AppController::~AppController()
{
    // The reset prompt is a child of the sign-in dialog and is deleted with
    // it, but the message boxes have no parent.
    delete m_messageBox;
    delete m_statusWindow;
    delete m_settingsDialog;
}

void AppController::setAutostart(std::unique_ptr<Autostart> autostart)
{
    m_autostart = std::move(autostart);
    m_tray->setAutostart(m_autostart.get());
}

void AppController::setProxyServices(ApiClient* client, KeychainStore* keychain)
{
    m_client = client;
    m_keychain = keychain;
}

void AppController::start(const QUrl& server, bool startMinimized)
{
    if (!m_autostart)
        setAutostart(Autostart::create());
    applyStoredProxy();

    m_startMinimized = startMinimized;
    m_trayShown = m_tray->show();
    m_signInDialog->setServer(server);
    m_session->setServer(server);

    const QString lastUserName = AppSettings::lastUserName(server);
    qCInfo(lcGui) << "starting on" << ServerUrl::origin(server)
                  << (lastUserName.isEmpty() ? "with no earlier user" : "for the last user");
    m_session->restore(lastUserName);

    // restore() does not change the state when it is SignedOut already, so
    // the dialog is opened here for that case.
    if (m_session->state() == Session::State::SignedOut) {
        showSignInDialog();
        m_startMinimized = false;
    }
}

StatusWindow* AppController::statusWindow() const
{
    return m_statusWindow;
}

SettingsDialog* AppController::settingsDialog() const
{
    return m_settingsDialog;
}

bool AppController::hasTray() const
{
    return m_trayShown;
}

void AppController::showSignInDialog()
{
    // A dialog opened afresh shows the current server and user, but an open one keeps what was typed.
    if (!m_signInDialog->isVisible()) {
        const QUrl server = m_session->server();
        if (!server.isEmpty())
            m_signInDialog->setServer(server);

        QString userName = m_session->userName();
        if (userName.isEmpty())
            userName = AppSettings::lastUserName(server);
        if (!userName.isEmpty())
            m_signInDialog->setUserName(userName);

        // An error of an earlier attempt is stale by now, but a problem
        // reported while the dialog was about to open is not.
        m_signInDialog->showMessage(m_pendingMessage);
        m_pendingMessage.clear();

        m_signInDialog->focusFirstEmptyField();
        qCInfo(lcGui) << "sign-in dialog opened";
    }

    presentWindow(m_signInDialog.get());
}

void AppController::showSettingsDialog()
{
    m_startMinimized = false;

    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_autostart.get(), m_keychain);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsDialog, &SettingsDialog::serverChanged, this, &AppController::applySettings);
        connect(m_settingsDialog, &SettingsDialog::expiryWarningLeadChanged, m_session, &Session::setExpiryWarningLead);
        connect(m_settingsDialog, &SettingsDialog::trayIconStyleChanged, m_tray, &TrayController::refresh);
        connect(m_settingsDialog, &SettingsDialog::autostartChanged, m_tray, [this] {
            m_tray->setAutostart(m_autostart.get());
        });
        connect(m_settingsDialog, &SettingsDialog::proxyChanged, this, [this](const QNetworkProxy& proxy) {
            if (m_client)
                m_client->setProxy(proxy);
        });
        m_settingsDialog->load();
        qCInfo(lcGui) << "settings dialog opened";
    }

    raiseWindow(m_settingsDialog);
}

void AppController::applyStoredProxy()
{
    if (!m_client)
        return;

    const ProxySettings proxy = AppSettings::proxySettings();
    if (proxy.mode != ProxySettings::Mode::Manual || proxy.userName.isEmpty() || !m_keychain) {
        m_client->setProxy(proxy.toNetworkProxy(QString()));
        return;
    }

    // NOTE: Requests sent before the keychain returns the password go
    // through the proxy without it. The keychain runs one job at a time, so
    // this read ends before the read of the stored session, which precedes
    // the session's first request.
    m_client->setProxy(proxy.toNetworkProxy(QString()));
    m_keychain->read(proxy.passwordKey(), this, [this, proxy](const KeychainStore::Outcome& outcome) {
        if (!outcome.ok()) {
            qCWarning(lcGui) << "proxy password not read from the keychain:" << outcome.errorString;
            return;
        }
        m_client->setProxy(proxy.toNetworkProxy(QString::fromUtf8(outcome.data)));
        qCInfo(lcGui) << "proxy with its stored password applied";
    });
}

// Moves the session to server after the settings changed it. The session of
// the old server stays in the keychain, so switching back restores it.
void AppController::applySettings(const QUrl& server)
{
    if (ServerUrl::origin(server) == ServerUrl::origin(m_session->server()))
        return;

    qCInfo(lcGui) << "server changed in the settings to" << ServerUrl::origin(server);
    m_signInDialog->setServer(server);
    m_session->switchServer(server);

    // switchServer() leaves a signed-out session as it was when the new
    // server has no stored session either, so no state change opens the dialog.
    if (m_session->state() == Session::State::SignedOut)
        showSignInDialog();
}

// Shows window, or minimized when the app started minimized: with a tray
// nothing opens then, and without a tray the window opens minimized.
void AppController::presentWindow(QWidget* window)
{
    if (!m_startMinimized) {
        raiseWindow(window);
        return;
    }

    if (m_trayShown) {
        qCInfo(lcGui) << "started minimized; the window waits for the tray";
        return;
    }

    window->showMinimized();
    qCInfo(lcGui) << "started minimized; the window opens minimized since there is no tray";
}

void AppController::activate()
{
    qCInfo(lcGui) << "bringing the app forward";
    m_startMinimized = false;

    if (m_twoFactorDialog->isVisible()) {
        raiseWindow(m_twoFactorDialog.get());
        return;
    }

    switch (m_session->state()) {
    case Session::State::SignedOut:
    case Session::State::SessionEnded:
    case Session::State::KeychainUnavailable:
    case Session::State::SigningIn:
        showSignInDialog();
        return;
    default:
        break;
    }

    if (m_statusWindow) {
        raiseWindow(m_statusWindow);
        return;
    }

    showNotice(QGuiApplication::applicationDisplayName(), m_tray->toolTipText());
}

void AppController::retryRestore()
{
    if (m_session->state() != Session::State::KeychainUnavailable) {
        qCDebug(lcGui) << "keychain retry ignored while" << Session::stateName(m_session->state());
        return;
    }

    // The message of the failed attempt goes, so that a new failure shows as news.
    m_signInDialog->clearError();

    const QString userName = AppSettings::lastUserName(m_session->server());
    qCInfo(lcGui) << "reading the stored session from the keychain again";
    m_session->restore(userName);
}

void AppController::showTwoFactorDialog()
{
    if (m_twoFactorDialog->isVisible())
        return;

    m_twoFactorDialog->setChallenge(m_session->twoFactorChallenge());

    // Open it where the sign-in dialog was, as the next page of the same form.
    if (m_signInDialog->isVisible()) {
        m_twoFactorDialog->adjustSize();
        QRect geometry = m_twoFactorDialog->frameGeometry();
        geometry.moveCenter(m_signInDialog->frameGeometry().center());
        m_twoFactorDialog->move(geometry.topLeft());
    }

    raiseWindow(m_twoFactorDialog.get());
    qCInfo(lcGui) << "two-factor dialog opened";
}

void AppController::onStateChanged(Session::State state, Session::State previous)
{
    qCInfo(lcGui) << "showing session state" << Session::stateName(state) << "after" << Session::stateName(previous);

    m_signInDialog->setRetryVisible(state == Session::State::KeychainUnavailable);

    switch (state) {
    case Session::State::SignedOut:
    case Session::State::SessionEnded:
    case Session::State::KeychainUnavailable:
        m_twoFactorDialog->finishAttempt();
        m_twoFactorDialog->hide();
        m_signInDialog->finishAttempt();
        showSignInDialog();
        closeStatusWindow();
        break;

    case Session::State::SigningIn:
        if (m_twoFactorDialog->isVisible())
            m_twoFactorDialog->setBusy(true);
        else
            m_signInDialog->setBusy(true);
        break;

    case Session::State::AwaitingSecondFactor:
        showTwoFactorDialog();
        m_twoFactorDialog->setBusy(false);
        m_signInDialog->finishAttempt();
        m_signInDialog->hide();
        break;

    case Session::State::SignedIn:
        m_signInDialog->finishAttempt();
        m_signInDialog->clearError();
        m_signInDialog->hide();
        m_twoFactorDialog->finishAttempt();
        m_twoFactorDialog->hide();
        if (!m_trayShown)
            showStatusWindow();
        break;

    case Session::State::Restoring:
        // At start the tray alone shows the restore, and the UI waits for
        // nothing. A retry from the sign-in dialog shows there.
        if (m_signInDialog->isVisible())
            m_signInDialog->setBusy(true, tr("Reading the stored session from the keychain…"));
        break;

    case Session::State::Refreshing:
    case Session::State::Offline:
        if (!m_trayShown)
            showStatusWindow();
        break;

    case Session::State::SigningOut:
        // Only the tray and the status window show it, so no dialog changes.
        break;
    }

    // The start has settled, so later windows open as usual.
    if (state != Session::State::Restoring)
        m_startMinimized = false;

    if (!holdsSession(state)) {
        m_outageStartedAt = QDateTime();
        m_outageNoticeShown = false;
        m_outageTimer.stop();
    }
}

void AppController::onSignInFailed(const ApiError& error)
{
    qCWarning(lcGui) << "showing sign-in failure" << ApiError::kindName(error.kind) << "HTTP" << error.httpStatus;

    if (error.kind == ApiError::Kind::PasswordResetRequired) {
        m_signInDialog->showError(error);
        showPasswordResetPrompt(error.resetUrl);
        return;
    }

    // Session reports a failed code step in AwaitingSecondFactor, any other failure in SignedOut.
    if (m_session->state() == Session::State::AwaitingSecondFactor)
        m_twoFactorDialog->showError(error);
    else
        m_signInDialog->showError(error);
}

void AppController::onKeychainProblem(const QString& message)
{
    qCWarning(lcGui) << "showing a keychain problem";
    showProblem(tr("Keychain problem"), message);
}

void AppController::onSessionEnded(const QString& reason)
{
    qCInfo(lcGui) << "showing the end of the session";
    showProblem(tr("Session ended"), reason);
}

void AppController::onRefreshTokenExpiringSoon(const QDateTime& expiresAt)
{
    // The Session warns once per session; this guards against a repeat all the same.
    if (expiresAt == m_warnedExpiry) {
        qCDebug(lcGui) << "refresh token expiry warned about already";
        return;
    }
    m_warnedExpiry = expiresAt;

    qCInfo(lcGui) << "warning that the session ends at" << expiresAt.toString(Qt::ISODate);
    const QString message = tr("Your DenvrCloud session ends on %1 at %2. To keep working without interruption, "
                               "sign out and sign in again before then.")
                                .arg(SessionSummary::formatLongDate(expiresAt), SessionSummary::formatTime(expiresAt));
    showNotice(tr("Session ends soon"), message);
}

// Shows a problem in the tray and in the sign-in dialog when that is open
// or about to open, since the dialog is where the user acts on it.
void AppController::showProblem(const QString& title, const QString& message)
{
    const bool notified = m_tray->showNotification(title, message);

    if (m_signInDialog->isVisible()) {
        m_signInDialog->showMessage(message);
    } else if (m_session->state() == Session::State::Restoring) {
        // A restore that failed on the keychain opens the sign-in dialog next.
        m_pendingMessage = message;
    } else if (!notified) {
        // Without a tray and without an open dialog the message would go unseen.
        showMessageBox(QMessageBox::Warning, title, message);
    }

    emit notificationShown(title, message);
}

// Shows information in the tray, or in a message box where there is no tray.
void AppController::showNotice(const QString& title, const QString& message)
{
    if (!m_tray->showNotification(title, message, QSystemTrayIcon::Information))
        showMessageBox(QMessageBox::Information, title, message);

    emit notificationShown(title, message);
}

void AppController::showMessageBox(QMessageBox::Icon icon, const QString& title, const QString& message)
{
    // One box at a time: a newer message replaces an unread older one.
    if (m_messageBox)
        m_messageBox->close();

    m_messageBox = new QMessageBox(icon, title, message, QMessageBox::Close);
    m_messageBox->setAttribute(Qt::WA_DeleteOnClose);
    m_messageBox->setTextFormat(Qt::PlainText);
    m_messageBox->setWindowIcon(GuiResources::appIcon());
    m_messageBox->show();
}

void AppController::showStatusWindow()
{
    if (!m_statusWindow) {
        m_statusWindow = new StatusWindow;
        m_statusWindow->setAttribute(Qt::WA_DeleteOnClose, false);

        m_statusWindow->addActionButton(m_tray->signOutAction());
        m_statusWindow->addActionButton(m_tray->renewAction());
        m_statusWindow->addActionButton(m_tray->copyTokenAction());
        m_statusWindow->addActionButton(m_tray->openConsoleAction());
        m_statusWindow->addActionButton(m_tray->settingsAction());
        m_statusWindow->addActionButton(m_tray->startAtLoginAction());
        m_statusWindow->setQuitAction(m_tray->quitAction());
        qCInfo(lcGui) << "status window created, since there is no tray";
    }

    updateStatusWindow();
    if (!m_statusWindow->isVisible())
        presentWindow(m_statusWindow);
}

void AppController::updateStatusWindow()
{
    if (!m_statusWindow)
        return;

    // The tooltip's first line is the headline, so the details are the rest.
    QStringList lines = m_tray->toolTipText().split(QLatin1Char('\n'));
    const QString headline = lines.takeFirst();
    m_statusWindow->setSummary(headline, lines.join(QLatin1Char('\n')));
}

void AppController::closeStatusWindow()
{
    if (!m_statusWindow)
        return;

    // hide(), not close(): closing only minimizes this window. The sign-in
    // dialog is open by now, so the app keeps a window.
    m_statusWindow->hide();
}

// Tells the user once per outage that the connection has been failing for
// longer than the notice delay while the access token has run out, because
// then the tools that use the token fail too.
void AppController::checkOutage()
{
    const Session::State state = m_session->state();
    const bool failing = state == Session::State::Offline ||
                         (state == Session::State::Refreshing && m_outageStartedAt.isValid());
    if (!failing) {
        m_outageStartedAt = QDateTime();
        m_outageNoticeShown = false;
        m_outageTimer.stop();
        return;
    }

    const QDateTime now = Clock::instance()->currentUtc();
    if (!m_outageStartedAt.isValid()) {
        m_outageStartedAt = now;
        m_outageTimer.start();
        qCInfo(lcGui) << "connection outage started";
    }

    if (m_outageNoticeShown || !m_session->isAccessTokenExpired())
        return;
    if (m_outageStartedAt.secsTo(now) < m_outageNoticeDelaySeconds)
        return;

    m_outageNoticeShown = true;
    qCWarning(lcGui) << "telling the user about the outage that began at" << m_outageStartedAt.toString(Qt::ISODate);
    showProblem(tr("Cannot reach DenvrCloud"),
                tr("The connection to %1 has been failing since %2, and the access token has expired. "
                   "Tools that use it fail until the connection returns; Denvr Sign-In keeps retrying.")
                    .arg(ServerUrl::origin(m_session->server()), SessionSummary::formatMoment(m_outageStartedAt)));
}

void AppController::onSignInRequested()
{
    const QUrl server = m_signInDialog->server();

    m_session->setServer(server);
    m_session->signIn(m_signInDialog->userName(), m_signInDialog->password(), m_signInDialog->keepSignedIn());
}

void AppController::onSignInDialogClosed()
{
    if (m_trayShown) {
        qCInfo(lcGui) << "sign-in dialog closed; the app stays in the tray";
        return;
    }

    qCInfo(lcGui) << "sign-in dialog closed and there is no tray; quitting";
    emit quitRequested();
}

void AppController::showPasswordResetPrompt(const QUrl& resetUrl)
{
    if (m_resetPrompt)
        m_resetPrompt->close();

    m_resetPrompt = new PasswordResetPrompt(resetUrl, m_signInDialog.get());
    m_resetPrompt->open();
    qCInfo(lcGui) << "password reset prompt shown";
}
