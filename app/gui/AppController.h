#pragma once

#include "PasswordResetPrompt.h"
#include "Session.h"

#include <QDateTime>
#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class ApiClient;
class Autostart;
class KeychainStore;
class SettingsDialog;
class SignInDialog;
class StatusWindow;
class TrayController;
class TwoFactorDialog;

// Connects the Session to the dialogs and the tray. The GUI only observes
// and commands the Session, and the dialog shown follows its state:
//   SignedOut, SessionEnded, KeychainUnavailable -> the sign-in dialog
//                                                   (with Retry for the keychain)
//   Restoring                                    -> the tray only at start, the
//                                                   open sign-in dialog busy on a retry
//   SigningIn                                    -> the dialog that asked, busy
//   AwaitingSecondFactor                         -> the two-factor dialog
//   SignedIn and later                           -> no dialog, the tray only
// Without a tray a StatusWindow takes the tray's place while a session is
// held. Notifications go to the tray; without a tray, to the open sign-in
// dialog or a message box.
class AppController : public QObject
{
    Q_OBJECT

public:
    explicit AppController(Session* session, QObject* parent = nullptr);
    ~AppController() override;

    // Shows the tray icon, selects server and restores the session of the
    // last user who signed in there. Without a stored session the sign-in
    // dialog opens. With startMinimized and a tray no window opens at start;
    // without a tray the first window opens minimized instead, so that the
    // app stays reachable.
    void start(const QUrl& server, bool startMinimized = false);

    // The client and keychain of the session, for the proxy settings: start()
    // applies the stored proxy with its password from the keychain, and the
    // settings dialog stores a new one. Without them the proxy stays as the
    // client has it and the dialog cannot store a proxy password.
    void setProxyServices(ApiClient* client, KeychainStore* keychain);

    // The autostart entry behind "Start at login"; the platform's own unless
    // a test sets another before start(). The controller takes ownership.
    void setAutostart(std::unique_ptr<Autostart> autostart);
    Autostart* autostart() const { return m_autostart.get(); }

    // How long a failing connection with an expired access token lasts
    // before the user is notified, once per outage; 5 minutes by default.
    void setOutageNoticeDelay(int seconds) { m_outageNoticeDelaySeconds = seconds; }

    // Whether the desktop has a tray that keeps the app reachable with no window open.
    bool hasTray() const;

    SignInDialog* signInDialog() const { return m_signInDialog.get(); }
    TwoFactorDialog* twoFactorDialog() const { return m_twoFactorDialog.get(); }
    TrayController* trayController() const { return m_tray; }

    // The open password reset message box, or nullptr.
    PasswordResetPrompt* passwordResetPrompt() const { return m_resetPrompt; }

    // Without a tray, the window that shows the session while one is held,
    // or nullptr. Closing it minimizes it.
    StatusWindow* statusWindow() const;

    // The open settings dialog, or nullptr.
    SettingsDialog* settingsDialog() const;

public slots:
    void showSignInDialog();
    void showSettingsDialog();

    // Brings the app forward, for example when a second instance starts:
    // the open dialog, else the sign-in dialog while signed out, else a
    // notification with the session's status.
    void activate();

    // Reads the stored session of the last user again, after the keychain failed.
    void retryRestore();

signals:
    // The user chose Quit, or closed the sign-in dialog where there is no tray.
    void quitRequested();

    // A notification was given: by the tray, or without a tray in the
    // sign-in dialog (open or about to open) or a message box. Emitted once
    // per notification, so tests can count them.
    void notificationShown(const QString& title, const QString& message);

private:
    void onStateChanged(Session::State state, Session::State previous);
    void onSignInFailed(const ApiError& error);
    void onKeychainProblem(const QString& message);
    void onSessionEnded(const QString& reason);
    void onRefreshTokenExpiringSoon(const QDateTime& expiresAt);
    void onSignInRequested();
    void onSignInDialogClosed();
    void showTwoFactorDialog();
    void showPasswordResetPrompt(const QUrl& resetUrl);
    void showProblem(const QString& title, const QString& message);
    void showNotice(const QString& title, const QString& message);
    void showMessageBox(QMessageBox::Icon icon, const QString& title, const QString& message);
    void showStatusWindow();
    void closeStatusWindow();
    void updateStatusWindow();
    void presentWindow(QWidget* window);
    void checkOutage();
    void applySettings(const QUrl& server);
    void applyStoredProxy();

    Session* m_session;
    std::unique_ptr<SignInDialog> m_signInDialog;
    std::unique_ptr<TwoFactorDialog> m_twoFactorDialog;
    TrayController* m_tray;
    QPointer<PasswordResetPrompt> m_resetPrompt;
    QPointer<QMessageBox> m_messageBox;
    QPointer<StatusWindow> m_statusWindow;
    QPointer<SettingsDialog> m_settingsDialog;
    std::unique_ptr<Autostart> m_autostart;
    ApiClient* m_client = nullptr;
    KeychainStore* m_keychain = nullptr;
    QString m_pendingMessage; // shown when the sign-in dialog opens next
    QDateTime m_warnedExpiry; // the refresh token expiry the user was warned about
    bool m_trayShown = false;
    bool m_startMinimized = false;

    // The outage: when the connection started failing, and whether the user was notified.
    QDateTime m_outageStartedAt;
    bool m_outageNoticeShown = false;
    int m_outageNoticeDelaySeconds = 5 * 60;
    QTimer m_outageTimer;
};
