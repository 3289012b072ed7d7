// Another user cannot reach the instance socket. Runs only as root, which
// scripts/test and CI are: it creates the system user denvr-test-other when
// missing and connects as that user with the system Python ($DENVR_PYTHON3)
// through runuser, while the server runs as root in this process.

#include "ApiError.h"
#include "InstanceClient.h"
#include "InstanceLock.h"
#include "InstancePaths.h"
#include "InstanceProtocol.h"
#include "InstanceServer.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <future>
#include <memory>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString OtherUserName = QStringLiteral("denvr-test-other");

// Connects to the socket at argv[1], sends the request argv[2] and prints what
// happened: "connect failed <errno>", or "connected" and then
// "received <number of bytes>" once the server has closed the connection.
const QString ClientScript = QStringLiteral(R"(
import socket, sys
client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
client.settimeout(20)
try:
    client.connect(sys.argv[1])
except OSError as error:
    print("connect failed", error.errno)
    sys.exit(0)
print("connected")
received = b""
try:
    client.sendall(sys.argv[2].encode() + b"\n")
    while True:
        chunk = client.recv(65536)
        if not chunk:
            break
        received += chunk
except (BrokenPipeError, ConnectionResetError):
    pass
print("received", len(received))
)");

std::optional<uid_t> userId(const QString& userName)
{
    const passwd* entry = ::getpwnam(userName.toLocal8Bit().constData());
    if (entry == nullptr)
        return std::nullopt;
    return entry->pw_uid;
}

bool setMode(const QString& path, mode_t mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

} // namespace

class InstanceOtherUserTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void ownerConnects();
    void privateDirectoryRejectsOtherUser();
    void peerCheckRejectsOtherUser_data();
    void peerCheckRejectsOtherUser();

private:
    // Runs ClientScript as the other user and returns its output lines.
    QStringList connectAsOtherUser(const QString& command);
    QString socketPath() const { return InstancePaths::socketPath(m_runtime->path()); }

    uid_t m_otherUserId = 0;
    std::unique_ptr<QTemporaryDir> m_runtime;
    std::unique_ptr<InstanceLock> m_lock;
    std::unique_ptr<InstanceServer> m_server;
};

void InstanceOtherUserTest::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root to create a second user and run a process as that user; scripts/test runs as root");

    if (!userId(OtherUserName)) {
        QProcess useradd;
        useradd.start(QStringLiteral("useradd"),
                      {QStringLiteral("--system"), QStringLiteral("--no-create-home"), QStringLiteral("--shell"),
                       QStringLiteral("/usr/sbin/nologin"), OtherUserName});
        QVERIFY2(useradd.waitForFinished(30000), qPrintable(useradd.errorString()));
        QVERIFY2(useradd.exitCode() == 0, useradd.readAllStandardError().constData());
    }

    const std::optional<uid_t> otherUserId = userId(OtherUserName);
    QVERIFY(otherUserId.has_value());
    QVERIFY(*otherUserId != ::geteuid());
    m_otherUserId = *otherUserId;

    QVERIFY2(QFile::exists(qEnvironmentVariable("DENVR_PYTHON3")), "DENVR_PYTHON3 names no system python3");
}

void InstanceOtherUserTest::init()
{
    // Directly under /tmp, so that the other user can pass through every
    // directory above it once the test opens the runtime directory itself.
    m_runtime = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/denvr-instance-otheruser-XXXXXX"));
    QVERIFY(m_runtime->isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime->path()));

    m_lock = std::make_unique<InstanceLock>(m_runtime->path());
    QCOMPARE(m_lock->acquire(), InstanceLock::Result::Primary);

    m_server = std::make_unique<InstanceServer>();
    m_server->setStatusProvider([] { return QJsonObject{{QStringLiteral("state"), QStringLiteral("signed-in")}}; });
    m_server->setTokenProvider([](const InstanceServer::TokenReply& reply) {
        reply(QStringLiteral("access-token-for-the-owner"), QDateTime::currentDateTimeUtc().addSecs(600), ApiError{});
    });
    QVERIFY2(m_server->listen(*m_lock), qPrintable(m_server->errorString()));
}

void InstanceOtherUserTest::cleanup()
{
    m_server.reset();
    m_lock.reset();
    m_runtime.reset();
}

QStringList InstanceOtherUserTest::connectAsOtherUser(const QString& command)
{
    const QString request = QStringLiteral("{\"command\": \"%1\"}").arg(command);
    QProcess client;
    client.setWorkingDirectory(QStringLiteral("/"));
    client.start(QStringLiteral("runuser"),
                 {QStringLiteral("-u"), OtherUserName, QStringLiteral("--"), qEnvironmentVariable("DENVR_PYTHON3"),
                  QStringLiteral("-I"), QStringLiteral("-c"), ClientScript, socketPath(), request});

    // The server runs in this thread, so the wait must keep the event loop going.
    QSignalSpy finished(&client, &QProcess::finished);
    if (!finished.wait(30000))
        return {QStringLiteral("did not finish: ") + client.errorString()};

    const QString errors = QString::fromLocal8Bit(client.readAllStandardError()).trimmed();
    if (client.exitCode() != 0 || !errors.isEmpty())
        return {QStringLiteral("failed with exit code %1: %2").arg(client.exitCode()).arg(errors)};

    return QString::fromLocal8Bit(client.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void InstanceOtherUserTest::ownerConnects()
{
    auto future = std::async(std::launch::async, [path = socketPath()] {
        return InstanceClient::send(path, InstanceProtocol::StatusCommand);
    });
    while (future.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);

    QCOMPARE(future.get().kind, InstanceClient::Result::Kind::Reply);
}

void InstanceOtherUserTest::privateDirectoryRejectsOtherUser()
{
    const QStringList output = connectAsOtherUser(QString(InstanceProtocol::StatusCommand));

    // EACCES, because the 0700 runtime directory denies the other user the path.
    QCOMPARE(output, QStringList{QStringLiteral("connect failed 13")});
}

// Neither the status nor an access token reaches the other user.
void InstanceOtherUserTest::peerCheckRejectsOtherUser_data()
{
    QTest::addColumn<QString>("command");

    QTest::newRow("status") << QString(InstanceProtocol::StatusCommand);
    QTest::newRow("token") << QString(InstanceProtocol::TokenCommand);
}

void InstanceOtherUserTest::peerCheckRejectsOtherUser()
{
    QFETCH(QString, command);

    // Opens the directory and the socket to everyone, so that only the
    // server's SO_PEERCRED check can reject the other user.
    QVERIFY(setMode(m_runtime->path(), 0755));
    QVERIFY(setMode(socketPath(), 0777));
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("^closed an instance socket connection from uid %1 ").arg(m_otherUserId)));

    const QStringList output = connectAsOtherUser(command);

    QVERIFY(setMode(m_runtime->path(), 0700));
    QCOMPARE(output, QStringList({QStringLiteral("connected"), QStringLiteral("received 0")}));
}

QTEST_GUILESS_MAIN(InstanceOtherUserTest)
#include "tst_instanceotheruser.moc"
