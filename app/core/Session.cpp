#include "Session.h"

#include "ApiCall.h"
#include "ApiClient.h"
#include "AppSettings.h"
#include "Clock.h"
#include "KeychainStore.h"
#include "LoggingCategories.h"
#include "MinuteTicker.h"
#include "SecretWipe.h"
#include "ServerUrl.h"
#include "StoredSession.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <utility>
#include <cmath>

namespace {

// The minute ticker compares the deadlines with the wall clock, so that a
// clock that jumped (suspend, manual change) is noticed within a minute. The
// deadline timer adds the exact moment of the next deadline, and its interval
// is capped to keep it far below the int range of QTimer.
constexpr qint64 MaxTimerIntervalMs = 60 * 60 * 1000;

// Refresh at this fraction of the access token's lifetime...
constexpr double RefreshAtLifetimeFraction = 0.8;
// ...but no later than this many seconds before it ends.
constexpr int RefreshLeadSeconds = 60;

// Retry delays after transient failures: exponential from the first to the
// maximum, each scaled by a random factor so that many clients do not retry
// in step.
constexpr double FirstRetryDelaySeconds = 2.0;
constexpr double MaxRetryDelaySeconds = 300.0;
constexpr double RetryJitterFraction = 0.2;

QDateTime now()
{
    return Clock::instance()->currentUtc();
}

} // namespace

Session::Session(ApiClient *client, KeychainStore *keychain, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_keychain(keychain)
{
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &Session::checkDeadlines);
    connect(MinuteTicker::instance(), &MinuteTicker::tick, this, &Session::checkDeadlines);
}

Session::~Session()
{
    clearSecrets();
}

QString Session::stateName(State state)
{
    switch (state) {
    case State::SignedOut: return QStringLiteral("signed-out");
    case State::Restoring: return QStringLiteral("restoring");
    case State::SigningIn: return QStringLiteral("signing-in");
    case State::AwaitingSecondFactor: return QStringLiteral("awaiting-second-factor");
    case State::SignedIn: return QStringLiteral("signed-in");
    case State::Refreshing: return QStringLiteral("refreshing");
    case State::Offline: return QStringLiteral("offline");
    case State::SessionEnded: return QStringLiteral("session-ended");
    case State::KeychainUnavailable: return QStringLiteral("keychain-unavailable");
    case State::SigningOut: return QStringLiteral("signing-out");
    }
    return QStringLiteral("unknown");
}

QUrl Session::server() const
{
    return m_client->serverUrl();
}

QDateTime Session::refreshDeadline(const QDateTime &receivedAt, int lifetimeSeconds)
{
    const qint64 lifetimeMs = qint64(lifetimeSeconds) * 1000;
    qint64 offsetMs = qint64(std::llround(lifetimeMs * RefreshAtLifetimeFraction));

    if (lifetimeSeconds > RefreshLeadSeconds)
        offsetMs = std::min(offsetMs, lifetimeMs - RefreshLeadSeconds * 1000);

    return receivedAt.addMSecs(std::max<qint64>(offsetMs, 0));
}

void Session::setState(State state, const QString &reason)
{
    if (state == m_state) {
        qCDebug(lcSession) << "state stays" << stateName(state) << "-" << reason;
        return;
    }

    const State previous = m_state;
    m_state = state;
    qCInfo(lcSession).noquote() << "state" << stateName(previous) << "->" << stateName(state) << "-" << reason;

    emit stateChanged(state, previous);
    emit changed();
}

bool Session::isBusy() const
{
    switch (m_state) {
    case State::Restoring:
    case State::SigningIn:
    case State::Refreshing:
    case State::SigningOut:
        return true;
    default:
        return false;
    }
}

void Session::setServer(const QUrl &server)
{
    if (isBusy() || m_state == State::SignedIn || m_state == State::Offline || m_state == State::AwaitingSecondFactor) {
        qCWarning(lcSession) << "server not changed while" << stateName(m_state);
        return;
    }

    m_client->setServerUrl(server);
    emit changed();
}

void Session::switchServer(const QUrl &server)
{
    if (m_state == State::SigningOut) {
        qCWarning(lcSession) << "server not switched while signing out";
        return;
    }

    if (ServerUrl::origin(server) == ServerUrl::origin(this->server())) {
        qCDebug(lcSession) << "already on" << ServerUrl::origin(server);
        return;
    }

    // Unlike signOut(), this leaves the keychain entries of the old server in
    // place, so switching back restores that session.
    ++m_generation;
    abortCall();
    m_deadlineTimer.stop();
    m_nextRefreshAt = QDateTime();
    clearSecrets();
    m_challenge = TwoFactorChallenge{};
    m_stored = false;
    m_expiryWarned = false;
    m_retryCount = 0;
    m_userName.clear();
    m_userId = 0;

    // The server changes first, so that observers of the state change see the new one.
    qCInfo(lcSession) << "switching to" << ServerUrl::origin(server);
    m_client->setServerUrl(server);
    setState(State::SignedOut, QStringLiteral("switched to another server"));
    emit changed();

    ApiError error;
    error.kind = ApiError::Kind::NotSignedIn;
    error.message = QCoreApplication::translate("Session", "You switched to another DenvrCloud server.");
    answerTokenRequests(error);

    restore(AppSettings::lastUserName(server));
}

void Session::restore(const QString &userName)
{
    if (isBusy() || m_state == State::SignedIn || m_state == State::Offline) {
        qCWarning(lcSession) << "restore ignored while" << stateName(m_state);
        return;
    }

    if (userName.isEmpty()) {
        setState(State::SignedOut, QStringLiteral("no account has signed in to this server before"));
        return;
    }

    m_userName = userName;
    const quint64 generation = ++m_generation;
    setState(State::Restoring, QStringLiteral("reading the stored session"));

    m_keychain->read(StoredSession::sessionKey(server(), userName), this, [this, generation](const KeychainStore::Outcome &outcome) {
        if (generation != m_generation || m_state != State::Restoring)
            return;

        if (outcome.status == KeychainStore::Status::NotFound) {
            setState(State::SignedOut, QStringLiteral("no stored session"));
            return;
        }

        if (!outcome.ok()) {
            m_lastError = ApiError{};
            emit keychainProblem(KeychainStore::describe(outcome) + QLatin1Char(' ')
                                 + QCoreApplication::translate("Session", "You can still sign in, but the session will not be remembered after you quit."));
            setState(State::KeychainUnavailable, QStringLiteral("the stored session could not be read: %1").arg(outcome.errorString));
            return;
        }

        adoptStoredSession(outcome.data);
    });
}

void Session::adoptStoredSession(const QByteArray &json)
{
    QString parseError;
    const std::optional<StoredSession> stored = StoredSession::fromJson(json, &parseError);

    // An unreadable entry is left in place: deleting it is the user's call, by signing in again.
    if (!stored) {
        qCWarning(lcSession) << "stored session is unreadable:" << parseError;
        setState(State::SignedOut, QStringLiteral("the stored session is unreadable"));
        return;
    }

    m_userName = stored->userName;
    m_userId = stored->userId;
    m_refreshToken = stored->refreshToken;
    m_refreshTokenExpiresAt = stored->refreshTokenExpiresAt;
    m_accessToken = stored->accessToken;
    m_accessTokenExpiresAt = stored->accessTokenExpiresAt;
    m_stored = true;
    m_expiryWarned = false;

    const QDateTime current = now();
    if (!stored->isRefreshTokenValidAt(current)) {
        endSession(QCoreApplication::translate("Session", "Your DenvrCloud session has expired. Sign in again to continue."));
        return;
    }

    const bool accessTokenUsable = !m_accessToken.isEmpty() && m_accessTokenExpiresAt.isValid()
                                   && current.secsTo(m_accessTokenExpiresAt) > RefreshLeadSeconds;
    if (!accessTokenUsable) {
        m_accessToken.clear();
        m_accessTokenExpiresAt = QDateTime();
        setState(State::SignedIn, QStringLiteral("restored a stored session; the access token needs renewing"));
        refreshNow();
        return;
    }

    scheduleRefresh(current, int(current.secsTo(m_accessTokenExpiresAt)));
    setState(State::SignedIn, QStringLiteral("restored a stored session"));
    warnIfRefreshTokenEndsSoon(current);
}

void Session::signIn(const QString &userName, const QString &password, bool keepSignedIn)
{
    const bool canStart = m_state == State::SignedOut || m_state == State::SessionEnded || m_state == State::KeychainUnavailable;
    if (!canStart) {
        qCWarning(lcSession) << "sign-in ignored while" << stateName(m_state);
        return;
    }

    clearSecrets();
    m_userName = userName.trimmed();
    m_password = detachedCopy(password);
    m_keepSignedIn = keepSignedIn;
    m_rememberDevice = false;
    m_challenge = TwoFactorChallenge{};
    m_lastError = ApiError{};

    const quint64 generation = ++m_generation;
    setState(State::SigningIn, QStringLiteral("the user submitted the sign-in form"));

    // A remember-device token from an earlier two-factor sign-in lets the server skip that step.
    m_keychain->read(StoredSession::rememberDeviceKey(server(), m_userName), this, [this, generation](const KeychainStore::Outcome &outcome) {
        if (generation != m_generation || m_state != State::SigningIn)
            return;

        if (outcome.ok())
            m_rememberClientToken = QString::fromUtf8(outcome.data);
        else if (outcome.status != KeychainStore::Status::NotFound)
            qCWarning(lcSession) << "remember-device entry not read, the server may ask for a code:" << outcome.errorString;

        startAuthenticate();
    });
}

void Session::startAuthenticate()
{
    AuthenticateRequest request;
    request.userNameOrEmailAddress = m_userName;
    request.password = m_password;
    request.rememberClient = m_rememberDevice;
    request.twoFactorRememberClientToken = m_rememberClientToken;

    m_call = m_client->authenticate(request);
    request.password.clear();

    ApiCall *call = m_call;
    connect(call, &ApiCall::finished, this, [this, call] { onAuthenticateFinished(call); });
}

void Session::sendTwoFactorCode(const QString &provider)
{
    if (m_state != State::AwaitingSecondFactor) {
        qCWarning(lcSession) << "send code ignored while" << stateName(m_state);
        return;
    }

    qCInfo(lcSession) << "asking the server to send a two-factor code by" << provider;
    ApiCall *call = m_client->sendTwoFactorCode(m_challenge.userId, provider);

    connect(call, &ApiCall::finished, this, [this, call, provider] {
        if (m_state != State::AwaitingSecondFactor)
            return;

        if (call->succeeded()) {
            emit twoFactorCodeSent(provider);
            return;
        }

        qCWarning(lcSession) << "sending the two-factor code failed:" << ApiError::kindName(call->error().kind);
        emit twoFactorCodeSendFailed(call->error());
    });
}

void Session::submitTwoFactorCode(const QString &code, bool rememberDevice)
{
    if (m_state != State::AwaitingSecondFactor) {
        qCWarning(lcSession) << "two-factor code ignored while" << stateName(m_state);
        return;
    }

    // Copied before anything reacts to the state change: the code may share
    // the dialog's field, which the dialog overwrites when it is done with it.
    AuthenticateRequest request;
    request.twoFactorVerificationCode = detachedCopy(code).trimmed();

    m_rememberDevice = rememberDevice;
    setState(State::SigningIn, QStringLiteral("the user submitted a two-factor code"));

    request.userNameOrEmailAddress = m_userName;
    request.password = m_password;
    request.rememberClient = rememberDevice;

    m_call = m_client->authenticate(request);
    request.password.clear();
    wipeSecret(request.twoFactorVerificationCode);

    ApiCall *call = m_call;
    connect(call, &ApiCall::finished, this, [this, call] { onAuthenticateFinished(call); });
}

void Session::onAuthenticateFinished(ApiCall *call)
{
    if (call != m_call || m_state != State::SigningIn)
        return;

    m_call.clear();
    const bool secondStep = !m_challenge.providers.isEmpty();

    if (!call->succeeded()) {
        const ApiError error = call->error();
        m_lastError = error;
        qCWarning(lcSession) << "sign-in failed:" << ApiError::kindName(error.kind) << "HTTP" << error.httpStatus;

        // A wrong code, or a network fault during the code step, leaves the
        // user in the two-factor dialog to try again.
        if (secondStep && error.kind != ApiError::Kind::InvalidCredentials) {
            setState(State::AwaitingSecondFactor, QStringLiteral("the two-factor step failed: %1").arg(ApiError::kindName(error.kind)));
            emit signInFailed(error);
            return;
        }

        clearPassword();
        m_challenge = TwoFactorChallenge{};
        setState(State::SignedOut, QStringLiteral("sign-in failed: %1").arg(ApiError::kindName(error.kind)));
        emit signInFailed(error);
        return;
    }

    const AuthenticateResult &result = call->authenticateResult();
    if (result.kind == AuthenticateResult::Kind::TwoFactorRequired) {
        m_challenge = result.challenge;
        m_userId = result.challenge.userId;
        setState(State::AwaitingSecondFactor, QStringLiteral("the server asked for a two-factor code"));
        return;
    }

    clearPassword();
    m_challenge = TwoFactorChallenge{};
    acceptTokens(result.tokens);

    if (m_rememberDevice && !result.tokens.twoFactorRememberClientToken.isEmpty())
        storeRememberDeviceToken(result.tokens.twoFactorRememberClientToken);

    if (m_keepSignedIn) {
        storeSession();
        AppSettings::setLastUserName(server(), m_userName);
    } else {
        // The user chose not to be remembered: an older entry must not bring a session back.
        m_stored = false;
        m_keychain->remove(StoredSession::sessionKey(server(), m_userName), this, [](const KeychainStore::Outcome &outcome) {
            if (!outcome.ok() && outcome.status != KeychainStore::Status::NotFound)
                qCWarning(lcSession) << "older session entry not deleted:" << outcome.errorString;
        });
    }

    setState(State::SignedIn, QStringLiteral("signed in"));
}

void Session::acceptTokens(const TokenGrant &tokens)
{
    m_userId = tokens.userId;
    m_accessToken = tokens.accessToken;
    m_accessTokenExpiresAt = tokens.accessTokenExpiresAt;
    m_refreshToken = tokens.refreshToken;
    m_refreshTokenExpiresAt = tokens.refreshTokenExpiresAt;
    m_retryCount = 0;
    m_retriedWithStoredToken = false;
    m_expiryWarned = false;

    const QDateTime receivedAt = tokens.accessTokenExpiresAt.addSecs(-tokens.accessTokenLifetimeSeconds);
    scheduleRefresh(receivedAt, tokens.accessTokenLifetimeSeconds);
    warnIfRefreshTokenEndsSoon(now());
    emit changed();
}

void Session::storeSession()
{
    StoredSession entry;
    entry.server = server();
    entry.userName = m_userName;
    entry.userId = m_userId;
    entry.refreshToken = m_refreshToken;
    entry.refreshTokenExpiresAt = m_refreshTokenExpiresAt;
    entry.accessToken = m_accessToken;
    entry.accessTokenExpiresAt = m_accessTokenExpiresAt;

    const QString key = StoredSession::sessionKey(server(), m_userName);
    m_keychain->write(key, entry.toJson(), this, [this](const KeychainStore::Outcome &outcome) {
        const bool wasStored = m_stored;
        m_stored = outcome.ok();

        if (outcome.ok()) {
            qCDebug(lcSession) << "session stored in the keychain";
        } else {
            qCWarning(lcSession) << "session not stored in the keychain:" << outcome.status << outcome.errorString;
            emit keychainProblem(KeychainStore::describe(outcome) + QLatin1Char(' ')
                                 + QCoreApplication::translate("Session", "You stay signed in until you quit, but the session will not be remembered."));
        }

        if (wasStored != m_stored)
            emit changed();
    });
}

void Session::storeRememberDeviceToken(const QString &token)
{
    const QString key = StoredSession::rememberDeviceKey(server(), m_userName);
    m_keychain->write(key, token.toUtf8(), this, [](const KeychainStore::Outcome &outcome) {
        if (!outcome.ok())
            qCWarning(lcSession) << "remember-device token not stored:" << outcome.status << outcome.errorString;
    });
}

void Session::cancel()
{
    const bool cancellable = m_state == State::SigningIn || m_state == State::AwaitingSecondFactor || m_state == State::Restoring;
    if (!cancellable) {
        qCDebug(lcSession) << "nothing to cancel while" << stateName(m_state);
        return;
    }

    ++m_generation;
    abortCall();

    clearPassword();
    m_challenge = TwoFactorChallenge{};
    setState(State::SignedOut, QStringLiteral("cancelled by the user"));
}

bool Session::isAccessTokenExpired() const
{
    const bool holdsSession = m_state == State::SignedIn || m_state == State::Refreshing || m_state == State::Offline;
    if (!holdsSession)
        return false;

    return m_accessToken.isEmpty() || !m_accessTokenExpiresAt.isValid() || m_accessTokenExpiresAt <= now();
}

void Session::requestAccessToken(QObject *context, TokenCallback callback)
{
    const QPointer<QObject> guard(context);

    const bool holdsSession = m_state == State::SignedIn || m_state == State::Refreshing || m_state == State::Offline;
    if (!holdsSession) {
        ApiError error;
        error.kind = ApiError::Kind::NotSignedIn;
        error.message = QCoreApplication::translate("Session", "You are not signed in to DenvrCloud. Sign in first.");
        QTimer::singleShot(0, this, [guard, callback, error] {
            if (guard)
                callback(QString(), error);
        });
        return;
    }

    const bool fresh = m_state == State::SignedIn && !m_accessToken.isEmpty()
                       && now().secsTo(m_accessTokenExpiresAt) > RefreshLeadSeconds;
    if (fresh) {
        const QString token = m_accessToken;
        QTimer::singleShot(0, this, [guard, callback, token] {
            if (guard)
                callback(token, ApiError{});
        });
        return;
    }

    m_tokenRequests.append(TokenRequest{guard, std::move(callback)});
    qCDebug(lcSession) << m_tokenRequests.size() << "token requests wait for a refresh";

    if (m_state != State::Refreshing)
        refreshNow();
}

void Session::answerTokenRequests(const ApiError &error)
{
    const QList<TokenRequest> requests = std::exchange(m_tokenRequests, {});

    // After a failed refresh, an access token that has not yet ended is still
    // passed on, although it is not fresh. Only when none is left do the callers get the error.
    const bool tokenUsable = !m_accessToken.isEmpty() && m_accessTokenExpiresAt > now();
    const QString token = tokenUsable ? m_accessToken : QString();
    const ApiError reported = tokenUsable ? ApiError{} : error;

    for (const TokenRequest &request : requests) {
        if (request.context)
            request.callback(token, reported);
    }
}

void Session::handleResume(const QString &reason)
{
    qCInfo(lcSession).noquote() << "system resumed:" << reason;

    if (m_state == State::Offline) {
        refreshNow();
        return;
    }

    checkDeadlines();
}

void Session::handleNetworkReturned()
{
    if (m_state != State::Offline)
        return;

    qCInfo(lcSession) << "network returned; retrying the refresh now";
    refreshNow();
}

void Session::warnIfRefreshTokenEndsSoon(const QDateTime &current)
{
    if (m_expiryWarned || !m_refreshTokenExpiresAt.isValid())
        return;

    if (current.secsTo(m_refreshTokenExpiresAt) > m_expiryWarningLeadSeconds)
        return;

    m_expiryWarned = true;
    qCInfo(lcSession) << "the refresh token ends at" << m_refreshTokenExpiresAt.toString(Qt::ISODate) << "- warning the user";
    emit refreshTokenExpiringSoon(m_refreshTokenExpiresAt);
}

void Session::refreshNow()
{
    if (m_state != State::SignedIn && m_state != State::Offline) {
        qCDebug(lcSession) << "refresh not started while" << stateName(m_state);
        return;
    }

    m_deadlineTimer.stop();
    m_nextRefreshAt = QDateTime();
    setState(State::Refreshing, QStringLiteral("renewing the access token"));

    m_call = m_client->refreshToken(m_refreshToken);
    ApiCall *call = m_call;
    connect(call, &ApiCall::finished, this, [this, call] { onRefreshFinished(call); });
}

void Session::onRefreshFinished(ApiCall *call)
{
    if (call != m_call || m_state != State::Refreshing)
        return;

    m_call.clear();

    if (call->succeeded()) {
        const RefreshResult &result = call->refreshResult();
        m_accessToken = result.accessToken;
        m_accessTokenExpiresAt = result.accessTokenExpiresAt;
        m_retryCount = 0;
        m_retriedWithStoredToken = false;

        const QDateTime receivedAt = result.accessTokenExpiresAt.addSecs(-result.accessTokenLifetimeSeconds);
        scheduleRefresh(receivedAt, result.accessTokenLifetimeSeconds);
        if (m_stored)
            storeSession();

        setState(State::SignedIn, QStringLiteral("access token renewed"));
        answerTokenRequests(ApiError{});
        return;
    }

    const ApiError error = call->error();
    m_lastError = error;

    if (error.kind == ApiError::Kind::RefreshTokenRejected || error.kind == ApiError::Kind::Unauthorized) {
        handleRejectedRefresh(error);
        return;
    }

    // Anything else (network, timeout, server fault, odd reply) keeps the
    // refresh token: the session is only ended by a rejection.
    qCWarning(lcSession) << "refresh failed, will retry:" << ApiError::kindName(error.kind) << "HTTP" << error.httpStatus;
    scheduleRetry();
    setState(State::Offline, QStringLiteral("refresh failed: %1").arg(ApiError::kindName(error.kind)));
    answerTokenRequests(error);
}

void Session::handleRejectedRefresh(const ApiError &error)
{
    qCWarning(lcSession) << "the server rejected the refresh token:" << error.httpStatus;

    if (!m_stored || m_retriedWithStoredToken) {
        endSession(QCoreApplication::translate("Session", "DenvrCloud ended your session (the server no longer accepts it). Sign in again to continue."));
        return;
    }

    // Another process (the command line, a second device sign-in) may have
    // stored a newer session meanwhile; that one is tried once before giving up.
    const quint64 generation = ++m_generation;
    m_keychain->read(StoredSession::sessionKey(server(), m_userName), this, [this, generation](const KeychainStore::Outcome &outcome) {
        if (generation != m_generation || m_state != State::Refreshing)
            return;

        std::optional<StoredSession> stored;
        if (outcome.ok())
            stored = StoredSession::fromJson(outcome.data, nullptr);

        if (stored && stored->refreshToken != m_refreshToken && stored->isRefreshTokenValidAt(now())) {
            qCInfo(lcSession) << "the keychain holds a newer session; retrying the refresh with it once";
            m_retriedWithStoredToken = true;
            m_refreshToken = stored->refreshToken;
            m_refreshTokenExpiresAt = stored->refreshTokenExpiresAt;

            m_call = m_client->refreshToken(m_refreshToken);
            ApiCall *call = m_call;
            connect(call, &ApiCall::finished, this, [this, call] { onRefreshFinished(call); });
            return;
        }

        endSession(QCoreApplication::translate("Session", "DenvrCloud ended your session (the server no longer accepts it). Sign in again to continue."));
    });
}

void Session::endSession(const QString &reason)
{
    m_deadlineTimer.stop();
    m_nextRefreshAt = QDateTime();

    const QString key = StoredSession::sessionKey(server(), m_userName);
    m_keychain->remove(key, this, [](const KeychainStore::Outcome &outcome) {
        if (!outcome.ok() && outcome.status != KeychainStore::Status::NotFound)
            qCWarning(lcSession) << "ended session not deleted from the keychain:" << outcome.errorString;
    });

    clearSecrets();
    m_stored = false;
    setState(State::SessionEnded, QStringLiteral("the session ended"));
    emit sessionEnded(reason);

    ApiError error;
    error.kind = ApiError::Kind::RefreshTokenRejected;
    error.message = reason;
    answerTokenRequests(error);
}

void Session::signOut(bool forgetDevice)
{
    const bool signedIn = m_state == State::SignedIn || m_state == State::Offline || m_state == State::Refreshing;
    if (!signedIn) {
        qCDebug(lcSession) << "sign-out ignored while" << stateName(m_state);
        return;
    }

    ++m_generation;
    abortCall();
    m_deadlineTimer.stop();
    m_nextRefreshAt = QDateTime();

    const bool accessTokenValid = !m_accessToken.isEmpty() && m_accessTokenExpiresAt > now();
    setState(State::SigningOut, QStringLiteral("signed out by the user"));

    if (!accessTokenValid) {
        finishSignOut(forgetDevice);
        return;
    }

    // LogOut is bounded by the client's transfer timeout; whatever it returns,
    // the local session goes.
    m_call = m_client->logOut(m_accessToken);
    ApiCall *call = m_call;
    connect(call, &ApiCall::finished, this, [this, call, forgetDevice] {
        if (call != m_call)
            return;

        m_call.clear();
        if (!call->succeeded())
            qCWarning(lcSession) << "LogOut failed, signing out locally:" << ApiError::kindName(call->error().kind);

        finishSignOut(forgetDevice);
    });
}

void Session::finishSignOut(bool forgetDevice)
{
    const QString userName = m_userName;

    m_keychain->remove(StoredSession::sessionKey(server(), userName), this, [this](const KeychainStore::Outcome &outcome) {
        if (outcome.ok() || outcome.status == KeychainStore::Status::NotFound)
            return;

        qCWarning(lcSession) << "session entry not deleted:" << outcome.status << outcome.errorString;
        emit keychainProblem(KeychainStore::describe(outcome) + QLatin1Char(' ')
                             + QCoreApplication::translate("Session", "The stored session could not be deleted; remove the \"denvr-signin\" entry in your keychain."));
    });

    if (forgetDevice) {
        m_keychain->remove(StoredSession::rememberDeviceKey(server(), userName), this, [](const KeychainStore::Outcome &outcome) {
            if (!outcome.ok() && outcome.status != KeychainStore::Status::NotFound)
                qCWarning(lcSession) << "remember-device entry not deleted:" << outcome.errorString;
        });
    }

    clearSecrets();
    m_stored = false;
    setState(State::SignedOut, QStringLiteral("signed out"));

    ApiError error;
    error.kind = ApiError::Kind::NotSignedIn;
    error.message = QCoreApplication::translate("Session", "You signed out of DenvrCloud.");
    answerTokenRequests(error);
}

void Session::reloadStoredSession()
{
    const bool holdsSession = m_state == State::SignedIn || m_state == State::Offline || m_state == State::Refreshing;
    const bool idle = m_state == State::SignedOut || m_state == State::SessionEnded || m_state == State::KeychainUnavailable;

    if (idle) {
        qCInfo(lcSession) << "another program changed the stored session; restoring it";
        restore(AppSettings::lastUserName(server()));
        return;
    }

    if (!holdsSession) {
        qCDebug(lcSession) << "stored session not reloaded while" << stateName(m_state);
        return;
    }

    const quint64 generation = m_generation;
    m_keychain->read(StoredSession::sessionKey(server(), m_userName), this, [this, generation](const KeychainStore::Outcome &outcome) {
        if (generation != m_generation)
            return;

        if (outcome.status == KeychainStore::Status::NotFound) {
            dropSession(QStringLiteral("another program deleted the stored session"));
            return;
        }

        if (!outcome.ok()) {
            qCWarning(lcSession) << "stored session not reloaded:" << outcome.status << outcome.errorString;
            return;
        }

        const std::optional<StoredSession> stored = StoredSession::fromJson(outcome.data, nullptr);
        if (!stored || stored->refreshToken == m_refreshToken || !stored->isRefreshTokenValidAt(now()))
            return;

        qCInfo(lcSession) << "adopting the newer session another program stored";
        m_refreshToken = stored->refreshToken;
        m_refreshTokenExpiresAt = stored->refreshTokenExpiresAt;
        m_accessToken = stored->accessToken;
        m_accessTokenExpiresAt = stored->accessTokenExpiresAt;
        m_stored = true;
        m_expiryWarned = false;

        const QDateTime current = now();
        scheduleRefresh(current, int(std::max<qint64>(current.secsTo(m_accessTokenExpiresAt), 0)));
        emit changed();
    });
}

void Session::dropSession(const QString &reason)
{
    ++m_generation;
    abortCall();
    m_deadlineTimer.stop();
    m_nextRefreshAt = QDateTime();

    clearSecrets();
    m_stored = false;
    setState(State::SignedOut, reason);

    ApiError error;
    error.kind = ApiError::Kind::NotSignedIn;
    error.message = QCoreApplication::translate("Session", "You signed out of DenvrCloud.");
    answerTokenRequests(error);
}

void Session::checkDeadlines()
{
    const QDateTime current = now();

    const bool hasSession = m_state == State::SignedIn || m_state == State::Offline;
    if (!hasSession)
        return;

    if (m_refreshTokenExpiresAt.isValid() && current >= m_refreshTokenExpiresAt) {
        endSession(QCoreApplication::translate("Session", "Your DenvrCloud session has expired. Sign in again to continue."));
        return;
    }

    warnIfRefreshTokenEndsSoon(current);

    if (m_nextRefreshAt.isValid() && current >= m_nextRefreshAt) {
        qCInfo(lcSession) << "refresh due since" << m_nextRefreshAt.toString(Qt::ISODate);
        refreshNow();
        return;
    }

    armDeadlineTimer();
}

void Session::scheduleRefresh(const QDateTime &receivedAt, int lifetimeSeconds)
{
    m_nextRefreshAt = refreshDeadline(receivedAt, lifetimeSeconds);
    qCInfo(lcSession) << "next refresh at" << m_nextRefreshAt.toString(Qt::ISODate)
                      << "for an access token expiring at" << m_accessTokenExpiresAt.toString(Qt::ISODate);
    armDeadlineTimer();
}

void Session::scheduleRetry()
{
    const double exponential = FirstRetryDelaySeconds * std::pow(2.0, std::min(m_retryCount, 16));
    const double capped = std::min(exponential, MaxRetryDelaySeconds);
    const double jitter = 1.0 + RetryJitterFraction * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    const qint64 delayMs = qint64(capped * jitter * 1000);

    ++m_retryCount;
    m_nextRefreshAt = now().addMSecs(delayMs);
    qCInfo(lcSession) << "retry" << m_retryCount << "in" << delayMs << "ms";
    armDeadlineTimer();
}

void Session::armDeadlineTimer()
{
    const QDateTime current = now();
    qint64 intervalMs = MaxTimerIntervalMs;

    if (m_nextRefreshAt.isValid())
        intervalMs = std::min(intervalMs, current.msecsTo(m_nextRefreshAt));

    if (!m_expiryWarned && m_refreshTokenExpiresAt.isValid()) {
        const QDateTime warnAt = m_refreshTokenExpiresAt.addSecs(-m_expiryWarningLeadSeconds);
        intervalMs = std::min(intervalMs, current.msecsTo(warnAt));
    }

    if (m_refreshTokenExpiresAt.isValid())
        intervalMs = std::min(intervalMs, current.msecsTo(m_refreshTokenExpiresAt));

    intervalMs = std::max<qint64>(intervalMs, 0);

    m_deadlineTimer.start(std::chrono::milliseconds(intervalMs));
}

void Session::abortCall()
{
    // m_call is cleared first, so the finished() that abort() emits is
    // recognised as stale by the handlers.
    ApiCall *call = m_call;
    m_call.clear();

    if (call)
        call->abort();
}

void Session::clearPassword()
{
    wipeSecret(m_password);
}

void Session::clearSecrets()
{
    clearPassword();
    releaseSecret(m_accessToken);
    releaseSecret(m_refreshToken);
    releaseSecret(m_rememberClientToken);
    m_accessTokenExpiresAt = QDateTime();
    m_refreshTokenExpiresAt = QDateTime();
}
