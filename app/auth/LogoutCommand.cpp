#include "LogoutCommand.h"

#include "CommandContext.h"
#include "ExitCodes.h"
#include "LoggingCategories.h"
#include "RunningApp.h"
#include "Session.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace {

// Long enough for a refresh and a LogOut call, each with its transfer timeout.
constexpr int LogoutTimeoutMs = KeychainStore::DefaultTimeoutMs + 2 * ApiClient::DefaultTransferTimeoutMs + 5000;

QString translate(const char* text)
{
    return QCoreApplication::translate("LogoutCommand", text);
}

bool isBusy(Session::State state)
{
    return state == Session::State::Restoring || state == Session::State::Refreshing ||
           state == Session::State::SigningOut;
}

void removeEntry(KeychainStore& keychain, const QString& key)
{
    QEventLoop loop;
    bool finished = false;
    keychain.remove(key, &loop, [&](const KeychainStore::Outcome& outcome) {
        if (!outcome.ok() && outcome.status != KeychainStore::Status::NotFound)
            qCWarning(lcKeychain) << "entry not deleted:" << outcome.status << outcome.errorString;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
}

} // namespace

int runLogoutCommand(CommandContext& context)
{
    const QString userName = context.storedUserName();
    const StoredSessionRead stored =
        userName.isEmpty() ? StoredSessionRead{} : readStoredSession(context.keychain(), context.server(), userName);

    if (exitCodeForKeychain(stored.status) == AuthKeychainUnavailable) {
        printError(stored.errorMessage);
        return AuthKeychainUnavailable;
    }
    if (stored.status == KeychainStore::Status::NotFound) {
        printError(translate("Not signed in to %1.").arg(context.serverOrigin()));
        return AuthNotSignedIn;
    }

    Session session(&context.client(), &context.keychain());
    QString keychainProblem;
    QObject::connect(&session, &Session::keychainProblem, [&](const QString& message) { keychainProblem = message; });

    // A stored access token near its end is renewed first, because LogOut needs a valid one.
    session.setServer(context.server());
    session.restore(userName);
    waitForSession(
        session, [&] { return !isBusy(session.state()); }, LogoutTimeoutMs);

    const bool holdsSession = session.state() == Session::State::SignedIn || session.state() == Session::State::Offline;
    if (holdsSession) {
        qCInfo(lcApp) << "signing out of" << context.serverOrigin();
        session.signOut(context.options().forgetDevice);
        waitForSession(
            session, [&] { return !isBusy(session.state()); }, LogoutTimeoutMs);
    }

    // The entry is deleted even when the session could not be restored, such as an unreadable one.
    removeEntry(context.keychain(), StoredSession::sessionKey(context.server(), userName));
    if (context.options().forgetDevice)
        removeEntry(context.keychain(), StoredSession::rememberDeviceKey(context.server(), userName));

    const StoredSessionRead after = readStoredSession(context.keychain(), context.server(), userName);
    if (after.status != KeychainStore::Status::NotFound) {
        printError(keychainProblem.isEmpty() ? translate("The stored session could not be deleted from the keychain.")
                                             : keychainProblem);
        return AuthKeychainUnavailable;
    }

    RunningApp::requestReload();
    printOutput(translate("Signed out of %1.").arg(context.serverOrigin()));
    return AuthSuccess;
}
