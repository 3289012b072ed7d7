#include "TrayController.h"

#include "AppSettings.h"
#include "Autostart.h"
#include "Clock.h"
#include "GuiResources.h"
#include "LoggingCategories.h"
#include "MinuteTicker.h"
#include "ServerUrl.h"
#include "SessionSummary.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QMenu>

#include <algorithm>
#include <chrono>

namespace {

// The maximum interval between two updates of the tooltip while signed in.
// It bounds how long a jump of the wall clock stays unnoticed.
// The minute ticker updates the text once a minute, for the date in it. The
// update timer adds the moment the access token expires, and its interval is
// capped to keep it far below the int range of QTimer.
constexpr qint64 MaxUpdateIntervalMs = 60 * 60 * 1000;

constexpr int DefaultClipboardClearDelayMs = 60 * 1000;

bool canSignIn(Session::State state)
{
    return state == Session::State::SignedOut || state == Session::State::SessionEnded ||
           state == Session::State::KeychainUnavailable;
}

bool canSignOut(Session::State state)
{
    return state == Session::State::SignedIn || state == Session::State::Refreshing || state == Session::State::Offline;
}

// Refreshing renews already, so a second request would do nothing.
bool canRenew(Session::State state)
{
    return state == Session::State::SignedIn || state == Session::State::Offline;
}

QByteArray hashToken(const QString& token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString stateIconPath(const char* name)
{
    QString variant = QStringLiteral("colour");
    switch (AppSettings::trayIconStyle()) {
    case AppSettings::TrayIconStyle::MonochromeForLightPanel:
        variant = QStringLiteral("mono-light");
        break;
    case AppSettings::TrayIconStyle::MonochromeForDarkPanel:
        variant = QStringLiteral("mono-dark");
        break;
    case AppSettings::TrayIconStyle::Colour:
        break;
    }

    return QStringLiteral(":/icons/tray/%1/%2.svg").arg(variant, QLatin1String(name));
}

QIcon stateIcon(const char* name)
{
    return QIcon(stateIconPath(name));
}

} // namespace

TrayController::TrayController(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_trayIcon(new QSystemTrayIcon(this))
    , m_menu(std::make_unique<QMenu>())
{
    GuiResources::initialize();

    m_headerAction = m_menu->addAction(QString());
    m_headerAction->setEnabled(false);
    m_menu->addSeparator();
    m_signInAction = m_menu->addAction(tr("Sign in…"));
    m_retryAction = m_menu->addAction(tr("Retry reading the keychain"));
    m_signOutAction = m_menu->addAction(tr("Sign out"));
    m_signOutAndForgetAction = m_menu->addAction(tr("Sign out and forget this device"));
    m_signOutAndForgetAction->setToolTip(
        tr("Also deletes the token that lets this device skip the two-factor step."));
    m_menu->setToolTipsVisible(true);
    m_menu->addSeparator();
    m_renewAction = m_menu->addAction(tr("Renew now"));
    m_copyTokenAction = m_menu->addAction(tr("Copy access token"));
    m_copyTokenAction->setToolTip(tr("The clipboard is cleared again after one minute."));
    m_openConsoleAction = m_menu->addAction(tr("Open DenvrCloud console"));
    m_menu->addSeparator();
    m_settingsAction = m_menu->addAction(tr("Settings…"));
    m_startAtLoginAction = m_menu->addAction(tr("Start at login"));
    m_startAtLoginAction->setCheckable(true);
    m_startAtLoginAction->setEnabled(false);
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(tr("Quit"));
    m_trayIcon->setContextMenu(m_menu.get());

    connect(m_signInAction, &QAction::triggered, this, &TrayController::signInRequested);
    connect(m_retryAction, &QAction::triggered, this, [this] {
        qCInfo(lcGui) << "keychain retry chosen in the tray menu";
        emit retryRequested();
    });
    connect(m_signOutAction, &QAction::triggered, this, [this] {
        qCInfo(lcGui) << "sign-out chosen in the tray menu";
        m_session->signOut();
    });
    connect(m_signOutAndForgetAction, &QAction::triggered, this, [this] {
        qCInfo(lcGui) << "sign-out forgetting this device chosen in the tray menu";
        m_session->signOut(true);
    });
    connect(m_renewAction, &QAction::triggered, this, [this] {
        qCInfo(lcGui) << "renewal chosen in the tray menu";
        m_session->refreshNow();
    });
    connect(m_copyTokenAction, &QAction::triggered, this, &TrayController::copyAccessToken);
    connect(m_openConsoleAction, &QAction::triggered, this, &TrayController::openConsole);
    connect(m_settingsAction, &QAction::triggered, this, &TrayController::settingsRequested);
    connect(m_startAtLoginAction, &QAction::triggered, this, &TrayController::setStartAtLogin);
    connect(m_quitAction, &QAction::triggered, this, &TrayController::quitRequested);

    m_clipboardClearTimer.setSingleShot(true);
    m_clipboardClearTimer.setInterval(DefaultClipboardClearDelayMs);
    connect(&m_clipboardClearTimer, &QTimer::timeout, this, &TrayController::clearCopiedToken);
    connect(m_trayIcon, &QSystemTrayIcon::activated, this, &TrayController::onActivated);

    connect(m_session, &Session::stateChanged, this, &TrayController::update);
    connect(m_session, &Session::changed, this, &TrayController::update);

    // The expiry of the access token and the date change the text with no
    // signal from the Session.
    m_updateTimer.setSingleShot(true);
    m_updateTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_updateTimer, &QTimer::timeout, this, &TrayController::update);
    connect(MinuteTicker::instance(), &MinuteTicker::tick, this, &TrayController::update);

    update();
}

TrayController::~TrayController() = default;

bool TrayController::show()
{
    update();

    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCInfo(lcGui) << "no system tray on this desktop; running without a tray icon";
        return false;
    }

    m_trayIcon->show();
    qCInfo(lcGui) << "tray icon shown";
    return true;
}

bool TrayController::isShown() const
{
    return m_trayIcon->isVisible();
}

QString TrayController::stateText() const
{
    return SessionSummary::headline(*m_session);
}

QString TrayController::toolTipText() const
{
    return SessionSummary::toolTip(*m_session);
}

int TrayController::msecsToNextUpdate() const
{
    return m_updateTimer.remainingTime();
}

QIcon TrayController::iconForState(Session::State state)
{
    GuiResources::initialize();
    return stateIcon(iconName(state, false));
}

const char* TrayController::iconName(Session::State state, bool endsSoon)
{
    switch (state) {
    case Session::State::SignedOut:
        return "signed-out";
    case Session::State::Restoring:
    case Session::State::SigningIn:
    case Session::State::AwaitingSecondFactor:
    case Session::State::SigningOut:
        return "restoring";
    case Session::State::Refreshing:
        return "renewing";
    case Session::State::SignedIn:
        return endsSoon ? "expiring-soon" : "signed-in";
    case Session::State::Offline:
        return "offline";
    case Session::State::SessionEnded:
        return "session-ended";
    case Session::State::KeychainUnavailable:
        return "keychain-problem";
    }
    return "signed-out";
}

QIcon TrayController::iconForSession(const Session& session)
{
    GuiResources::initialize();
    return QIcon(iconPathForSession(session));
}

QString TrayController::iconPathForSession(const Session& session)
{
    const QDateTime endsAt = session.refreshTokenExpiresAt();
    const bool endsSoon = endsAt.isValid() &&
                          Clock::instance()->currentUtc().secsTo(endsAt) <= session.expiryWarningLead();
    return stateIconPath(iconName(session.state(), endsSoon));
}

void TrayController::setAutostart(Autostart* autostart)
{
    m_autostart = autostart;
    m_startAtLoginAction->setEnabled(autostart != nullptr);
    m_startAtLoginAction->setChecked(autostart && autostart->isEnabled());
}

bool TrayController::showNotification(const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon)
{
    if (!m_trayIcon->isVisible())
        return false;

    m_trayIcon->showMessage(title, message, icon);
    return true;
}

void TrayController::update()
{
    const Session::State state = m_session->state();

    // Set again only when it changes: each setIcon() sends the image to the
    // tray host, which would wake the app's X11 thread on every update.
    const QString iconPath = iconPathForSession(*m_session);
    if (iconPath != m_iconPath) {
        GuiResources::initialize();
        m_trayIcon->setIcon(QIcon(iconPath));
        m_iconPath = iconPath;
    }
    m_headerAction->setText(stateText());
    m_signInAction->setEnabled(canSignIn(state));
    m_retryAction->setVisible(state == Session::State::KeychainUnavailable);
    m_signOutAction->setEnabled(canSignOut(state));
    m_signOutAndForgetAction->setEnabled(canSignOut(state));
    m_renewAction->setEnabled(canRenew(state));
    m_copyTokenAction->setEnabled(canSignOut(state));
    m_openConsoleAction->setEnabled(!m_session->server().isEmpty());
    if (m_autostart)
        m_startAtLoginAction->setChecked(m_autostart->isEnabled());

    const QString toolTip = toolTipText();
    if (toolTip != m_trayIcon->toolTip()) {
        m_trayIcon->setToolTip(toolTip);
        qCDebug(lcGui).noquote() << "tray shows" << Session::stateName(state) << "-" << stateText();
        emit toolTipChanged(toolTip);
    }

    armUpdateTimer();
}

void TrayController::armUpdateTimer()
{
    if (!canSignOut(m_session->state())) {
        m_updateTimer.stop();
        return;
    }

    // Without a coming change, the minute ticker alone keeps the text current.
    const QDateTime nextChange = SessionSummary::nextChange(*m_session);
    if (!nextChange.isValid()) {
        m_updateTimer.stop();
        return;
    }

    // One millisecond past the change, so that the text has changed when the timer fires.
    const qint64 untilChangeMs = Clock::instance()->currentUtc().msecsTo(nextChange) + 1;
    m_updateTimer.start(std::chrono::milliseconds(std::clamp<qint64>(untilChangeMs, 0, MaxUpdateIntervalMs)));
}

void TrayController::onActivated(QSystemTrayIcon::ActivationReason reason)
{
    // A click on the icon while signed out is a shortcut for "Sign in…".
    if (reason == QSystemTrayIcon::Trigger && canSignIn(m_session->state()))
        emit signInRequested();
}

void TrayController::copyAccessToken()
{
    qCInfo(lcGui) << "copying the access token, chosen in the tray menu";

    // The Session renews a token that is about to run out before it calls back.
    m_session->requestAccessToken(this, [this](const QString& accessToken, const ApiError& error) {
        if (accessToken.isEmpty()) {
            qCWarning(lcGui) << "no access token to copy:" << ApiError::kindName(error.kind);
            emit actionFailed(tr("Access token not copied"), error.userText());
            return;
        }

        QGuiApplication::clipboard()->setText(accessToken);
        m_copiedTokenHash = hashToken(accessToken);
        m_clipboardClearTimer.start();
        qCInfo(lcGui) << "access token copied; the clipboard is cleared in"
                      << m_clipboardClearTimer.interval() / 1000 << "s";
    });
}

void TrayController::clearCopiedToken()
{
    QClipboard* clipboard = QGuiApplication::clipboard();

    // Whatever the user copied since then stays.
    if (hashToken(clipboard->text()) == m_copiedTokenHash) {
        clipboard->clear();
        qCInfo(lcGui) << "copied access token cleared from the clipboard";
    } else {
        qCInfo(lcGui) << "clipboard holds something else now; left unchanged";
    }

    m_copiedTokenHash.clear();
}

void TrayController::openConsole()
{
    const QUrl console = ServerUrl::consoleUrl(m_session->server());
    qCInfo(lcGui) << "opening the web console" << console.toString();

    if (!QDesktopServices::openUrl(console))
        emit actionFailed(tr("Console not opened"),
                          tr("No web browser could open %1. Open it by hand.").arg(console.toString()));
}

void TrayController::setStartAtLogin(bool enabled)
{
    if (!m_autostart)
        return;

    QString error;
    if (!m_autostart->setEnabled(enabled, &error)) {
        qCWarning(lcGui) << "start at login not changed:" << error;
        m_startAtLoginAction->setChecked(m_autostart->isEnabled());
        emit actionFailed(tr("Start at login not changed"), error);
        return;
    }

    AppSettings::setStartAtLogin(enabled);
    qCInfo(lcGui) << "start at login" << (enabled ? "enabled" : "disabled");
}
