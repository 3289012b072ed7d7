#include "CommandContext.h"

#include "AppSettings.h"
#include "LoggingCategories.h"
#include "ServerUrl.h"
#include "Session.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>

CommandContext::CommandContext(const AuthOptions& options)
    : m_options(options)
{
    m_client.setServerUrl(options.server);
}

bool CommandContext::setUp(QString* errorMessage)
{
    if (m_options.caFile.isEmpty())
        return true;

    if (!m_client.addCaCertificatesFromFile(m_options.caFile, errorMessage))
        return false;

    qCInfo(lcApp) << "trusting the extra CA certificates in" << m_options.caFile;
    return true;
}

QString CommandContext::serverOrigin() const
{
    return ServerUrl::origin(m_options.server);
}

QString CommandContext::storedUserName() const
{
    return AppSettings::lastUserName(m_options.server);
}

StoredSessionRead readStoredSession(KeychainStore& keychain, const QUrl& server, const QString& userName)
{
    StoredSessionRead result;
    QEventLoop loop;
    bool finished = false;

    keychain.read(StoredSession::sessionKey(server, userName), &loop, [&](const KeychainStore::Outcome& outcome) {
        result.status = outcome.status;
        if (outcome.ok()) {
            QString parseError;
            result.session = StoredSession::fromJson(outcome.data, &parseError);
            if (!result.session)
                qCWarning(lcKeychain) << "the stored session is unreadable:" << parseError;
        } else if (outcome.status != KeychainStore::Status::NotFound) {
            result.errorMessage = KeychainStore::describe(outcome);
        }
        finished = true;
        loop.quit();
    });

    if (!finished)
        loop.exec();
    return result;
}

bool waitForSession(Session& session, const std::function<bool()>& condition, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&session, &Session::changed, &loop, &QEventLoop::quit);
    QObject::connect(&session, &Session::stateChanged, &loop, &QEventLoop::quit);

    // A state may pass by within one call, such as SignedIn on the way to
    // Refreshing, so the condition is checked again once control returns here.
    while (!condition()) {
        if (deadline.hasExpired())
            return false;

        timeout.start(int(deadline.remainingTime()));
        loop.exec();
    }
    return true;
}

void printError(const QString& message)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), message.toUtf8().constData());
    std::fflush(stderr);
}

void printOutput(const QString& text)
{
    std::fprintf(stdout, "%s\n", text.toUtf8().constData());
    std::fflush(stdout);
}
