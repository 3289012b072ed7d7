#include "TokenCommand.h"

#include "Clock.h"
#include "CommandContext.h"
#include "ExitCodes.h"
#include "LoggingCategories.h"
#include "RunningApp.h"
#include "Session.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace {

// A stored token with less time left than this is renewed, as Session does.
constexpr int MinimumLifetimeSeconds = 60;

// Long enough for the keychain read and one RefreshToken call with its transfer timeout.
constexpr int RefreshTimeoutMs = KeychainStore::DefaultTimeoutMs + ApiClient::DefaultTransferTimeoutMs + 5000;

QString translate(const char* text)
{
    return QCoreApplication::translate("TokenCommand", text);
}

bool isFresh(const StoredSession& session)
{
    return !session.accessToken.isEmpty() && session.accessTokenExpiresAt.isValid() &&
           Clock::instance()->currentUtc().secsTo(session.accessTokenExpiresAt) > MinimumLifetimeSeconds;
}

int notSignedIn(const CommandContext& context)
{
    printError(translate("Not signed in to %1. Run \"denvr-auth login\" first.").arg(context.serverOrigin()));
    return AuthNotSignedIn;
}

int tokenFromApp(const RunningApp::TokenReply& reply)
{
    if (!reply.accessToken.isEmpty()) {
        printOutput(reply.accessToken);
        return AuthSuccess;
    }

    printError(reply.errorMessage);
    return exitCodeForKindName(reply.errorKind);
}

// Restores the stored session in this process and requests a token from it.
// Session refreshes when the stored one is too old and writes the new token
// to the keychain.
int tokenFromRefresh(CommandContext& context, const QString& userName)
{
    Session session(&context.client(), &context.keychain());
    session.setServer(context.server());
    session.restore(userName);

    QString token;
    ApiError error;
    bool answered = false;
    QEventLoop loop;
    QTimer::singleShot(RefreshTimeoutMs, &loop, &QEventLoop::quit);

    if (!waitForSession(
            session, [&] { return session.state() != Session::State::Restoring; }, RefreshTimeoutMs)) {
        printError(translate("Reading the stored session from the keychain timed out."));
        return AuthKeychainUnavailable;
    }

    session.requestAccessToken(&loop, [&](const QString& accessToken, const ApiError& tokenError) {
        token = accessToken;
        error = tokenError;
        answered = true;
        loop.quit();
    });
    if (!answered)
        loop.exec();

    if (session.state() == Session::State::KeychainUnavailable) {
        printError(translate("The keychain could not be read."));
        return AuthKeychainUnavailable;
    }
    if (!answered) {
        printError(translate("Renewing the access token timed out."));
        return AuthUnreachable;
    }
    if (token.isEmpty()) {
        printError(error.userText());
        return exitCodeForError(error);
    }

    // Keychain jobs run one at a time, so this read returns after Session's
    // write of the renewed token.
    readStoredSession(context.keychain(), context.server(), userName);

    printOutput(token);
    return AuthSuccess;
}

} // namespace

int runTokenCommand(CommandContext& context)
{
    const QString userName = context.storedUserName();
    const StoredSessionRead stored =
        userName.isEmpty() ? StoredSessionRead{} : readStoredSession(context.keychain(), context.server(), userName);

    if (exitCodeForKeychain(stored.status) == AuthKeychainUnavailable) {
        printError(stored.errorMessage);
        return AuthKeychainUnavailable;
    }

    if (stored.session && isFresh(*stored.session)) {
        qCDebug(lcApp) << "printing the stored access token";
        printOutput(stored.session->accessToken);
        return AuthSuccess;
    }

    const std::optional<QJsonObject> appStatus = RunningApp::status();
    if (appStatus && RunningApp::holdsSession(*appStatus, context.server(), userName)) {
        qCInfo(lcApp) << "asking the running app for an access token";
        const RunningApp::TokenReply reply = RunningApp::requestToken();

        // An app that has just signed out, or cannot provide tokens yet, leaves the stored session to this process.
        const bool appLacksSession = reply.errorKind == ApiError::kindName(ApiError::Kind::NotSignedIn);
        if (reply.answered && !(appLacksSession && stored.session))
            return tokenFromApp(reply);
    }

    if (!stored.session)
        return notSignedIn(context);

    qCInfo(lcApp) << "renewing the stored access token";
    return tokenFromRefresh(context, userName);
}
