#include "LoginCommand.h"

#include "CommandContext.h"
#include "ExitCodes.h"
#include "LoggingCategories.h"
#include "RunningApp.h"
#include "SecretWipe.h"
#include "Session.h"
#include "TerminalPrompt.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace {

// Longer than one API call with its transfer timeout, so that Session's own
// timeout ends a stuck call first.
constexpr int StepTimeoutMs = ApiClient::DefaultTransferTimeoutMs + 10000;

QString translate(const char* text)
{
    return QCoreApplication::translate("LoginCommand", text);
}

// Providers for which SendTwoFactorAuthCode sends a code; an authenticator app makes its own.
bool sendsCode(const QString& provider)
{
    return provider == QLatin1String("Email") || provider == QLatin1String("Phone");
}

bool isSettled(const Session& session)
{
    return session.state() != Session::State::SigningIn && session.state() != Session::State::Restoring;
}

class Login
{
public:
    explicit Login(CommandContext& context)
        : m_context(context)
        , m_session(&context.client(), &context.keychain())
    {
        QObject::connect(&m_session, &Session::signInFailed, [this](const ApiError& error) { m_error = error; });
        QObject::connect(&m_session, &Session::keychainProblem,
                         [this](const QString& message) { m_keychainProblem = message; });
    }

    int run();

private:
    std::optional<QString> askUserName(int* exitCode);
    std::optional<QString> askPassword(int* exitCode);
    int passTwoFactorStep();
    std::optional<QString> chooseProvider(int* exitCode);
    int sendCode(const QString& provider);
    int reportFailure();
    int finishSignIn();

    CommandContext& m_context;
    Session m_session;
    ApiError m_error;
    QString m_keychainProblem;
};

int Login::run()
{
    int exitCode = AuthSuccess;

    // The keychain is checked first, so that no one types a password that cannot be stored.
    const std::optional<QString> userName = askUserName(&exitCode);
    if (!userName)
        return exitCode;

    const StoredSessionRead existing = readStoredSession(m_context.keychain(), m_context.server(), *userName);
    if (existing.status != KeychainStore::Status::Ok && existing.status != KeychainStore::Status::NotFound) {
        printError(existing.errorMessage);
        return AuthKeychainUnavailable;
    }

    std::optional<QString> password = askPassword(&exitCode);
    if (!password)
        return exitCode;

    qCInfo(lcApp) << "signing in to" << m_context.serverOrigin();
    m_session.setServer(m_context.server());
    m_session.signIn(*userName, *password, true);
    wipeSecret(*password);

    if (!waitForSession(
            m_session, [this] { return isSettled(m_session); }, StepTimeoutMs)) {
        printError(translate("The sign-in timed out."));
        return AuthUnreachable;
    }

    if (m_session.state() == Session::State::AwaitingSecondFactor) {
        const int twoFactorExit = passTwoFactorStep();
        if (twoFactorExit != AuthSuccess)
            return twoFactorExit;
    }

    if (m_session.state() != Session::State::SignedIn)
        return reportFailure();

    return finishSignIn();
}

std::optional<QString> Login::askUserName(int* exitCode)
{
    if (!m_context.options().userName.isEmpty())
        return m_context.options().userName;

    if (!TerminalPrompt::isAvailable()) {
        printError(translate("No terminal to ask for the user name: use --username."));
        *exitCode = AuthUsageError;
        return std::nullopt;
    }

    const QString suggestion = m_context.storedUserName();
    const QString prompt = suggestion.isEmpty() ? translate("User name or email address: ")
                                                : translate("User name or email address [%1]: ").arg(suggestion);
    const std::optional<QString> answer = TerminalPrompt::ask(prompt, TerminalPrompt::Echo::On);
    const QString userName = answer ? answer->trimmed() : QString();

    if (!userName.isEmpty())
        return userName;
    if (answer && !suggestion.isEmpty())
        return suggestion;

    printError(translate("No user name given: type one or use --username."));
    *exitCode = AuthUsageError;
    return std::nullopt;
}

std::optional<QString> Login::askPassword(int* exitCode)
{
    QString errorMessage;

    if (m_context.options().passwordFromStdin) {
        std::optional<QString> password = readLineFromStdin(&errorMessage);
        if (!password) {
            printError(errorMessage);
            *exitCode = AuthUsageError;
        }
        return password;
    }

    if (!TerminalPrompt::isAvailable()) {
        printError(translate("No terminal to ask for the password: use --password-stdin."));
        *exitCode = AuthUsageError;
        return std::nullopt;
    }

    std::optional<QString> password = TerminalPrompt::ask(translate("Password: "), TerminalPrompt::Echo::Off);
    if (!password || password->isEmpty()) {
        printError(translate("No password given."));
        *exitCode = AuthUsageError;
        return std::nullopt;
    }
    return password;
}

int Login::passTwoFactorStep()
{
    qCInfo(lcApp) << "the server requires a two-factor code";
    if (!TerminalPrompt::isAvailable()) {
        printError(translate("Two-factor sign-in needs a terminal to type the code in: run denvr-auth login in one."));
        return AuthUsageError;
    }

    int exitCode = AuthSuccess;
    const std::optional<QString> provider = chooseProvider(&exitCode);
    if (!provider)
        return exitCode;

    if (sendsCode(*provider)) {
        exitCode = sendCode(*provider);
        if (exitCode != AuthSuccess)
            return exitCode;
    }

    std::optional<QString> code = TerminalPrompt::ask(translate("Two-factor code: "), TerminalPrompt::Echo::Off);
    if (!code || code->trimmed().isEmpty()) {
        printError(translate("No two-factor code given."));
        return AuthUsageError;
    }

    m_error = ApiError{};
    m_session.submitTwoFactorCode(*code, m_context.options().rememberDevice);
    wipeSecret(*code);

    if (!waitForSession(
            m_session, [this] { return isSettled(m_session); }, StepTimeoutMs)) {
        printError(translate("The sign-in timed out."));
        return AuthUnreachable;
    }

    // A wrong code leaves the session waiting for another one, but this command reads only one code.
    if (m_session.state() == Session::State::AwaitingSecondFactor)
        return reportFailure();
    return AuthSuccess;
}

std::optional<QString> Login::chooseProvider(int* exitCode)
{
    const QStringList providers = m_session.twoFactorChallenge().providers;
    if (providers.size() == 1)
        return providers.constFirst();

    TerminalPrompt::tell(translate("Choose how to receive the two-factor code:"));
    for (int i = 0; i < providers.size(); ++i)
        TerminalPrompt::tell(QStringLiteral("  %1) %2").arg(i + 1).arg(providers.at(i)));

    const std::optional<QString> answer =
        TerminalPrompt::ask(translate("Provider [1-%1]: ").arg(providers.size()), TerminalPrompt::Echo::On);

    bool isNumber = false;
    const int choice = answer ? answer->trimmed().toInt(&isNumber) : 0;
    if (isNumber && choice >= 1 && choice <= providers.size())
        return providers.at(choice - 1);

    printError(translate("Invalid provider choice: type a number from 1 to %1.").arg(providers.size()));
    *exitCode = AuthUsageError;
    return std::nullopt;
}

int Login::sendCode(const QString& provider)
{
    bool finished = false;
    ApiError sendError;

    QEventLoop loop;
    QObject::connect(&m_session, &Session::twoFactorCodeSent, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&m_session, &Session::twoFactorCodeSendFailed, &loop, [&](const ApiError& error) {
        sendError = error;
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(StepTimeoutMs, &loop, &QEventLoop::quit);

    m_session.sendTwoFactorCode(provider);
    if (!finished)
        loop.exec();

    if (!finished) {
        printError(translate("Sending the two-factor code timed out."));
        return AuthUnreachable;
    }
    if (sendError.isError()) {
        printError(translate("Sending the two-factor code failed: %1").arg(sendError.userText()));
        return exitCodeForError(sendError);
    }

    TerminalPrompt::tell(translate("A code was sent by %1.").arg(provider));
    return AuthSuccess;
}

int Login::reportFailure()
{
    const ApiError error = m_error.isError() ? m_error : m_session.lastError();

    if (error.kind == ApiError::Kind::PasswordResetRequired) {
        printError(translate("The server requires a new password: open %1 to set one, then sign in again.")
                       .arg(error.resetUrl.toString()));
        return AuthRejected;
    }

    if (!error.isError()) {
        printError(translate("The sign-in ended in the state %1.").arg(Session::stateName(m_session.state())));
        return AuthUnreachable;
    }

    printError(error.userText());
    return exitCodeForError(error);
}

int Login::finishSignIn()
{
    if (!waitForSession(
            m_session, [this] { return m_session.isStored() || !m_keychainProblem.isEmpty(); },
            KeychainStore::DefaultTimeoutMs + 5000) ||
        !m_session.isStored()) {
        printError(m_keychainProblem.isEmpty() ? translate("The session could not be stored in the keychain.")
                                               : m_keychainProblem);
        return AuthKeychainUnavailable;
    }

    qCInfo(lcApp) << "signed in and stored the session";
    RunningApp::requestReload();
    printOutput(translate("Signed in to %1 as %2.").arg(m_context.serverOrigin(), m_session.userName()));
    return AuthSuccess;
}

} // namespace

int runLoginCommand(CommandContext& context)
{
    Login login(context);
    return login.run();
}
