#pragma once

#include "Session.h"

#include <QByteArray>
#include <QObject>
#include <QSystemTrayIcon>
#include <QTimer>

#include <memory>

class Autostart;
class QAction;
class QMenu;

// The tray icon that shows the Session at a glance: an icon per state, a
// tooltip with the user, the server and the access token's expiry, and a
// menu to sign in, sign out, renew, copy the access token, open the web
// console and the settings, toggle the start at login, and quit. Items that cannot act are disabled,
// not hidden. The one exception is "Retry reading the keychain", which
// shows only while the keychain is unavailable, because a disabled retry
// with nothing to retry would only puzzle. The icon, tooltip and menu are
// kept current even where the desktop has no system tray, so tests can
// read them.
class TrayController : public QObject
{
    Q_OBJECT

public:
    explicit TrayController(Session* session, QObject* parent = nullptr);
    ~TrayController() override;

    // Shows the icon when the desktop has a system tray. Returns whether it did.
    bool show();
    bool isShown() const;

    QSystemTrayIcon* trayIcon() const { return m_trayIcon; }
    QMenu* menu() const { return m_menu.get(); }
    QAction* headerAction() const { return m_headerAction; }
    QAction* signInAction() const { return m_signInAction; }
    QAction* retryAction() const { return m_retryAction; }
    QAction* signOutAction() const { return m_signOutAction; }
    QAction* signOutAndForgetAction() const { return m_signOutAndForgetAction; }
    QAction* renewAction() const { return m_renewAction; }
    QAction* copyTokenAction() const { return m_copyTokenAction; }
    QAction* openConsoleAction() const { return m_openConsoleAction; }
    QAction* settingsAction() const { return m_settingsAction; }
    QAction* startAtLoginAction() const { return m_startAtLoginAction; }
    QAction* quitAction() const { return m_quitAction; }

    // Binds "Start at login" to autostart, which must outlive this object.
    // Without one the item is disabled.
    void setAutostart(Autostart* autostart);

    // How long a copied access token stays on the clipboard; 60 s by default.
    void setClipboardClearDelay(int milliseconds) { m_clipboardClearTimer.setInterval(milliseconds); }

    // Redraws the icon, menu and tooltip, for example after the icon style changed.
    void refresh() { update(); }

    // The first tooltip line and menu header, such as "Signed in as ada".
    QString stateText() const;
    QString toolTipText() const;

    // Milliseconds until the update timer fires, or -1 when it is stopped.
    // It fires when the access token runs out. Besides it, the shared
    // MinuteTicker updates the text once a minute, so that a jump of the wall
    // clock or a new day shows within a minute.
    int msecsToNextUpdate() const;

    static QIcon iconForState(Session::State state);

    // The icon of the session as it is now, which adds "expiring soon" to
    // the states: a signed-in session within its expiry warning lead.
    static QIcon iconForSession(const Session& session);
    static QString iconPathForSession(const Session& session);

    // Shows a balloon or desktop notification from the tray icon. Returns
    // false when there is no tray to show it from.
    bool showNotification(const QString& title, const QString& message,
                          QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Warning);

signals:
    void signInRequested();
    void retryRequested();
    void settingsRequested();
    void quitRequested();

    // An action of the menu failed, with a translated sentence for the user.
    void actionFailed(const QString& title, const QString& message);

    // The tooltip text changed, also when only the clock moved on.
    void toolTipChanged(const QString& text);

private:
    void update();
    void armUpdateTimer();
    static const char* iconName(Session::State state, bool endsSoon);
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void copyAccessToken();
    void clearCopiedToken();
    void openConsole();
    void setStartAtLogin(bool enabled);

    Session* m_session;
    QSystemTrayIcon* m_trayIcon;
    std::unique_ptr<QMenu> m_menu;
    QAction* m_headerAction;
    QAction* m_signInAction;
    QAction* m_retryAction;
    QAction* m_signOutAction;
    QAction* m_signOutAndForgetAction;
    QAction* m_renewAction;
    QAction* m_copyTokenAction;
    QAction* m_openConsoleAction;
    QAction* m_settingsAction;
    QAction* m_startAtLoginAction;
    QAction* m_quitAction;
    QString m_iconPath; // the icon shown, so that an unchanged one is not sent again
    QTimer m_updateTimer;
    QTimer m_clipboardClearTimer;
    QByteArray m_copiedTokenHash; // SHA-256 of the token on the clipboard, never the token
    Autostart* m_autostart = nullptr;
};
