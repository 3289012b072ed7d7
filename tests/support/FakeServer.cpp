#include "FakeServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

QJsonObject FakeServer::User::toJson() const
{
    QJsonObject user{
        {QStringLiteral("userName"), userName},
        {QStringLiteral("emailAddress"), emailAddress},
        {QStringLiteral("password"), password},
        {QStringLiteral("shouldResetPassword"), shouldResetPassword},
        {QStringLiteral("lockedOut"), lockedOut},
        {QStringLiteral("active"), active},
    };

    if (!twoFactorProviders.isEmpty()) {
        user.insert(QStringLiteral("twoFactorProviders"), QJsonArray::fromStringList(twoFactorProviders));
        user.insert(QStringLiteral("twoFactorCode"), twoFactorCode);
    }

    return user;
}

FakeServer::FakeServer()
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

FakeServer::~FakeServer()
{
    stop();
}

bool FakeServer::start(const Options &options)
{
    const QString program = qEnvironmentVariable("DENVR_FAKE_SERVER");
    if (program.isEmpty()) {
        m_errorMessage = QStringLiteral("DENVR_FAKE_SERVER is not set; run the tests through ctest");
        return false;
    }

    QJsonArray users;
    for (const User &user : options.users)
        users.append(user.toJson());

    const QString usersPath = m_directory.filePath(QStringLiteral("users.json"));
    QFile usersFile(usersPath);
    if (!usersFile.open(QIODevice::WriteOnly)) {
        m_errorMessage = QStringLiteral("cannot write %1").arg(usersPath);
        return false;
    }
    usersFile.write(QJsonDocument(QJsonObject{{QStringLiteral("users"), users}}).toJson());
    usersFile.close();

    QStringList arguments{QStringLiteral("--port"), QString::number(options.port),
                          QStringLiteral("--users"), usersPath};
    if (!options.tlsCertificatePath.isEmpty())
        arguments << QStringLiteral("--tls-cert") << options.tlsCertificatePath
                  << QStringLiteral("--tls-key") << options.tlsKeyPath;
    if (options.accessTokenSeconds > 0)
        arguments << QStringLiteral("--access-token-seconds") << QString::number(options.accessTokenSeconds);
    if (options.refreshTokenSeconds > 0)
        arguments << QStringLiteral("--refresh-token-seconds") << QString::number(options.refreshTokenSeconds);
    if (!options.stateFile.isEmpty())
        arguments << QStringLiteral("--state") << options.stateFile;
    if (options.delayMs > 0)
        arguments << QStringLiteral("--delay-ms") << QString::number(options.delayMs);

    m_log.clear();
    m_pending.clear();
    m_url.clear();
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(5000)) {
        m_errorMessage = QStringLiteral("%1 did not start: %2").arg(program, m_process.errorString());
        return false;
    }

    const QDeadlineTimer deadline(10000);
    while (m_url.isEmpty() && !deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(100);
        readOutput();
    }

    if (m_url.isEmpty()) {
        m_errorMessage = QStringLiteral("%1 printed no \"listening on\" line").arg(program);
        stop();
        return false;
    }

    return true;
}

void FakeServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;

    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool FakeServer::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

void FakeServer::readOutput()
{
    m_pending += m_process.readAllStandardOutput();

    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(newline)).trimmed();
        m_pending.remove(0, newline + 1);

        const QString listeningPrefix = QStringLiteral("listening on ");
        if (m_url.isEmpty() && line.startsWith(listeningPrefix))
            m_url = QUrl(line.mid(listeningPrefix.size()));
        else if (!line.isEmpty())
            m_log.append(line);
    }
}

QStringList FakeServer::requestLog()
{
    readOutput();
    return m_log;
}

int FakeServer::countRequests(const QString &method, const QString &path)
{
    const QString prefix = method + QLatin1Char(' ') + path + QLatin1Char(' ');
    int count = 0;
    for (const QString &line : requestLog()) {
        if (line.startsWith(prefix))
            ++count;
    }
    return count;
}

bool FakeServer::waitForRequests(const QString &method, const QString &path, int count, int timeoutMs)
{
    // QTRY_ style polling keeps the caller's event loop running meanwhile.
    const QDeadlineTimer deadline(timeoutMs);
    while (countRequests(method, path) < count) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(20);
    }
    return true;
}

FakeServer::User FakeServer::twoFactorUser()
{
    User user;
    user.userName = QStringLiteral("ada");
    user.emailAddress = QStringLiteral("ada@example.com");
    user.password = QStringLiteral("correct horse battery");
    user.twoFactorProviders = {QStringLiteral("Email"), QStringLiteral("GoogleAuthenticator")};
    user.twoFactorCode = QStringLiteral("123456");
    return user;
}

FakeServer::User FakeServer::plainUser()
{
    User user;
    user.userName = QStringLiteral("grace");
    user.emailAddress = QStringLiteral("grace@example.com");
    user.password = QStringLiteral("hopper-1906");
    return user;
}
