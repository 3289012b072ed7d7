#pragma once

#include "ApiError.h"
#include "ApiResults.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

class ApiCall;
class ApiClient;
class KeychainStore;

// The signed-in session with one DenvrCloud server: the single state machine
// that the tray, the dialogs and the command line observe and command.
// Every transition goes through setState(), which logs the reason.
class Session : public QObject
{
    Q_OBJECT

public:
    enum class State {
        SignedOut,             // no session; the user may sign in
        Restoring,             // reading the stored session from the keychain
        SigningIn,             // Authenticate in flight, for the password or the two-factor
                               // step; twoFactorChallenge() has providers in the latter
        AwaitingSecondFactor,  // the server asked for a two-factor code
        SignedIn,              // a valid access token is held
        Refreshing,            // RefreshToken in flight
        Offline,               // the last refresh failed transiently; retrying
        SessionEnded,          // the server rejected the refresh token, or it expired
        KeychainUnavailable,   // the stored session could not be read
        SigningOut             // LogOut in flight
    };
    Q_ENUM(State)

    Session(ApiClient *client, KeychainStore *keychain, QObject *parent = nullptr);
    ~Session() override;

    State state() const { return m_state; }
    static QString stateName(State state);   // stable English identifier, e.g. "signed-in"

    QUrl server() const;
    QString userName() const { return m_userName; }
    qint64 userId() const { return m_userId; }
    QString accessToken() const { return m_accessToken; }
    QDateTime accessTokenExpiresAt() const { return m_accessTokenExpiresAt; }
    QDateTime refreshTokenExpiresAt() const { return m_refreshTokenExpiresAt; }
    TwoFactorChallenge twoFactorChallenge() const { return m_challenge; }
    ApiError lastError() const { return m_lastError; }

    // True when the session is in the keychain and will survive a restart.
    bool isStored() const { return m_stored; }

    // True when a session is held but its access token has run out, as after
    // a long outage; the tray shows it.
    bool isAccessTokenExpired() const;

    // Calls callback with an access token valid for more than 60 s, or with an
    // error. A refresh already in flight is joined rather than duplicated, so
    // any number of concurrent requests cause at most one RefreshToken call.
    // After a failed refresh a token that has not yet ended is still passed.
    // The callback is not called once context is destroyed.
    using TokenCallback = std::function<void(const QString &accessToken, const ApiError &error)>;
    void requestAccessToken(QObject *context, TokenCallback callback);

    // How long before the refresh token ends the user is warned, once per
    // session, because only a new sign-in helps then. The default is 24 h.
    void setExpiryWarningLead(int seconds) { m_expiryWarningLeadSeconds = seconds; }
    int expiryWarningLead() const { return m_expiryWarningLeadSeconds; }

    // The time the next refresh is due, or an invalid QDateTime when none is scheduled.
    QDateTime nextRefreshAt() const { return m_nextRefreshAt; }

    // Computes when to refresh an access token that arrived at receivedAt and
    // lives lifetimeSeconds: at 80% of the lifetime, but at least 60 s before
    // it ends when the lifetime is longer than 60 s.
    static QDateTime refreshDeadline(const QDateTime &receivedAt, int lifetimeSeconds);

public slots:
    // Selects the server for the next sign-in or restore. Ignored unless signed out.
    void setServer(const QUrl &server);

    // Moves to server, keeping the stored session of the current one: aborts
    // any call, stops the timers, drops the in-memory tokens without touching
    // the keychain, then restores the session of the last user of server.
    // Ignored while signing out, and when server has the current origin.
    void switchServer(const QUrl &server);

    // Reads the stored session of userName on the current server. Without a
    // stored entry the state becomes SignedOut, with an expired one SessionEnded,
    // and with an unreadable keychain KeychainUnavailable.
    void restore(const QString &userName);

    // Starts a sign-in. keepSignedIn decides whether the refresh token is stored
    // in the keychain. The password is kept in memory only until the two-factor
    // step ends.
    void signIn(const QString &userName, const QString &password, bool keepSignedIn);

    void sendTwoFactorCode(const QString &provider);
    void submitTwoFactorCode(const QString &code, bool rememberDevice);

    // Aborts a sign-in or two-factor step in progress and returns to SignedOut.
    void cancel();


    // Renews the access token now, unless a refresh is already in flight.
    void refreshNow();

    // Calls LogOut, then deletes the stored session whether or not the server
    // replied. The remember-device entry is deleted only with forgetDevice.
    void signOut(bool forgetDevice = false);

    // Brings the session in line with the keychain after another program, such
    // as the command line, changed it. Without a session the stored one is
    // restored. A deleted entry ends the held session locally, and a newer
    // refresh token replaces the held one.
    void reloadStoredSession();

    // Compares the deadlines with the clock: starts a due refresh or retry and
    // ends a session whose refresh token has expired. A timer calls it at least
    // once a minute; a resume from suspend or a returning network should too.
    void checkDeadlines();

    // The system woke from suspend: deadlines are checked at once, and an
    // offline session retries without waiting for its backoff.
    void handleResume(const QString &reason);

    // The network came back: an offline session retries at once.
    void handleNetworkReturned();

signals:
    void stateChanged(Session::State state, Session::State previous);

    // Sign-in or two-factor step failed; the state is SignedOut or
    // AwaitingSecondFactor again and the dialog should show error.userText().
    void signInFailed(const ApiError &error);

    void twoFactorCodeSent(const QString &provider);
    void twoFactorCodeSendFailed(const ApiError &error);

    // The keychain could not be used; message names what failed and that the
    // session lives in memory only for this run.
    void keychainProblem(const QString &message);

    // The session ended without the user asking (rejected refresh token);
    // reason is a translated sentence for a notification.
    void sessionEnded(const QString &reason);

    // The refresh token ends within expiryWarningLead(); emitted once per session.
    void refreshTokenExpiringSoon(const QDateTime &expiresAt);

    // Any observed value (user, deadlines, tokens) changed.
    void changed();

private:
    void setState(State state, const QString &reason);
    void onAuthenticateFinished(ApiCall *call);
    void onRefreshFinished(ApiCall *call);
    void acceptTokens(const TokenGrant &tokens);
    void storeSession();
    void storeRememberDeviceToken(const QString &token);
    void startAuthenticate();
    void adoptStoredSession(const QByteArray &json);
    void handleRejectedRefresh(const ApiError &error);
    void endSession(const QString &reason);
    void dropSession(const QString &reason);
    void finishSignOut(bool forgetDevice);
    void scheduleRefresh(const QDateTime &receivedAt, int lifetimeSeconds);
    void scheduleRetry();
    void armDeadlineTimer();
    void warnIfRefreshTokenEndsSoon(const QDateTime &current);
    void answerTokenRequests(const ApiError &error);
    void abortCall();
    void clearSecrets();
    void clearPassword();
    bool isBusy() const;

    ApiClient *m_client;
    KeychainStore *m_keychain;
    State m_state = State::SignedOut;

    QString m_userName;
    QString m_password;
    bool m_keepSignedIn = true;
    bool m_rememberDevice = false;
    QString m_rememberClientToken;

    qint64 m_userId = 0;
    QString m_accessToken;
    QDateTime m_accessTokenExpiresAt;
    QString m_refreshToken;
    QDateTime m_refreshTokenExpiresAt;
    TwoFactorChallenge m_challenge;
    ApiError m_lastError;
    bool m_stored = false;

    QDateTime m_nextRefreshAt;
    int m_expiryWarningLeadSeconds = 24 * 3600;
    bool m_expiryWarned = false;
    int m_retryCount = 0;
    bool m_retriedWithStoredToken = false;
    QTimer m_deadlineTimer;
    QPointer<ApiCall> m_call;

    struct TokenRequest
    {
        QPointer<QObject> context;
        TokenCallback callback;
    };
    QList<TokenRequest> m_tokenRequests;

    // Increases whenever a keychain callback's purpose ends (cancel, sign-out,
    // a new sign-in), so that late callbacks can tell they are stale.
    quint64 m_generation = 0;
};
