#include "FakeServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
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
    for (const QString &fault : options.faults)
        arguments << QStringLiteral("--fault") << fault;
    if (options.control)
        arguments << QStringLiteral("--control-port") << QStringLiteral("0");

    m_log.clear();
    m_pending.clear();
    m_url.clear();
    m_controlUrl.clear();
    m_otherOriginUrl.clear();
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(5000)) {
        m_errorMessage = QStringLiteral("%1 did not start: %2").arg(program, m_process.errorString());
        return false;
    }

    // The control and other-origin lines follow the first one when those listeners run.
    const bool usesFaults = options.control || !options.faults.isEmpty();
    const auto announced = [&] {
        return !m_url.isEmpty() && (!options.control || !m_controlUrl.isEmpty())
               && (!usesFaults || !m_otherOriginUrl.isEmpty());
    };
    const QDeadlineTimer deadline(10000);
    while (!announced() && !deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(100);
        readOutput();
    }

    if (!announced()) {
        m_errorMessage = QStringLiteral("%1 printed no \"listening on\" line, or not all of its listeners").arg(program);
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
        const QString controlPrefix = QStringLiteral("control on ");
        const QString otherOriginPrefix = QStringLiteral("other origin on ");
        if (m_url.isEmpty() && line.startsWith(listeningPrefix))
            m_url = QUrl(line.mid(listeningPrefix.size()));
        else if (m_controlUrl.isEmpty() && line.startsWith(controlPrefix))
            m_controlUrl = QUrl(line.mid(controlPrefix.size()));
        else if (m_otherOriginUrl.isEmpty() && line.startsWith(otherOriginPrefix))
            m_otherOriginUrl = QUrl(line.mid(otherOriginPrefix.size()));
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

bool FakeServer::setFaults(const QStringList &faults)
{
    QByteArray body;
    for (const QString &fault : faults)
        body += fault.toUtf8() + '\n';
    return control("PUT", "/faults", body).has_value();
}

QJsonArray FakeServer::faultResponses()
{
    return QJsonDocument::fromJson(control("GET", "/fault-responses").value_or(QByteArray())).array();
}

QJsonArray FakeServer::otherOriginRequests()
{
    return QJsonDocument::fromJson(control("GET", "/other-origin-requests").value_or(QByteArray())).array();
}

std::optional<QByteArray> FakeServer::control(const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    if (m_controlUrl.isEmpty()) {
        m_errorMessage = QStringLiteral("the fake server runs without a control listener; set Options::control");
        return std::nullopt;
    }

    // A blocking socket does not run the caller's event loop, so no client call
    // under test advances meanwhile.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_controlUrl.port()));
    if (!socket.waitForConnected(5000)) {
        m_errorMessage = QStringLiteral("cannot connect to the control listener: %1").arg(socket.errorString());
        return std::nullopt;
    }

    socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray response;
    const QDeadlineTimer deadline(5000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(100);
        response += socket.readAll();
    }
    response += socket.readAll();

    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    if (!response.startsWith("HTTP/1.1 200 ") || headEnd < 0) {
        m_errorMessage = QStringLiteral("control request %1 %2 failed: %3")
                             .arg(QString::fromLatin1(method), QString::fromLatin1(path), QString::fromUtf8(response.left(300)));
        return std::nullopt;
    }
    return response.mid(headEnd + 4);
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
