// The instance socket: InstanceServer in this process, reached through
// InstanceClient on a second thread (it blocks) or through a raw QLocalSocket.

#include "InstanceClient.h"
#include "InstanceLock.h"
#include "InstancePaths.h"
#include "InstanceProtocol.h"
#include "InstanceServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <chrono>
#include <cstring>
#include <future>
#include <memory>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace {

using Kind = InstanceClient::Result::Kind;

const QJsonObject CannedStatus{
    {QStringLiteral("state"), QStringLiteral("signed-in")},
    {QStringLiteral("user"), QStringLiteral("alice")},
    {QStringLiteral("server"), QStringLiteral("https://api.example.com")},
    {QStringLiteral("accessTokenExpiresAt"), QStringLiteral("2030-01-01T12:00:00Z")},
    {QStringLiteral("refreshTokenExpiresAt"), QStringLiteral("2030-01-31T12:00:00Z")},
};

// Runs a blocking call on a second thread while this thread's event loop
// keeps serving the socket. InstanceClient's own timeout ends the wait.
template<typename Function>
auto callInThread(Function function)
{
    auto future = std::async(std::launch::async, function);
    while (future.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return future.get();
}

InstanceClient::Result sendInThread(const QString& socketPath, const QString& command)
{
    return callInThread([socketPath, command] { return InstanceClient::send(socketPath, command); });
}

bool waitForDisconnect(QLocalSocket& socket, QSignalSpy& disconnected, int timeoutMs)
{
    return socket.state() == QLocalSocket::UnconnectedState || disconnected.count() > 0 || disconnected.wait(timeoutMs);
}

// Sends bytes on a new connection and returns all that the server sends
// before it closes the connection.
QByteArray exchangeRaw(const QString& socketPath, const QByteArray& bytes)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(5000))
        return QByteArrayLiteral("(could not connect)");

    QSignalSpy disconnected(&socket, &QLocalSocket::disconnected);
    socket.write(bytes);
    if (!waitForDisconnect(socket, disconnected, 10000))
        return QByteArrayLiteral("(the server did not close the connection)");

    return socket.readAll();
}

QJsonObject parseReply(const QByteArray& line)
{
    return QJsonDocument::fromJson(line).object();
}

// Binds a Unix socket at path and closes it, leaving the file behind with
// no process listening, as a crashed instance does.
bool leaveStaleSocket(const QString& path)
{
    const QByteArray nativePath = QFile::encodeName(path);
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (size_t(nativePath.size()) >= sizeof(address.sun_path))
        return false;
    std::memcpy(address.sun_path, nativePath.constData(), size_t(nativePath.size()));

    const int descriptor = ::socket(AF_UNIX, SOCK_STREAM, 0);
    const bool bound = ::bind(descriptor, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    ::close(descriptor);
    return bound;
}

mode_t modeOf(const QString& path)
{
    struct stat status = {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return 0;
    return status.st_mode;
}

} // namespace

class InstanceServerTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void statusRoundTrip();
    void activateRoundTrip();
    void reloadRoundTrip();
    void tokenRoundTrip();
    void tokenReplyWaitsForProvider();
    void tokenErrorCarriesKind();
    void tokenWithoutProvider();
    void tokenReplyAfterClientLeft();
    void replyIsOneLine();
    void longestLineAccepted();
    void rejectedRequest_data();
    void rejectedRequest();
    void silentClientDropped_data();
    void silentClientDropped();
    void connectionLimit();
    void socketIsPrivate();
    void listenRequiresLock();
    void staleSocketReplaced();
    void noSocketMeansNoInstance();
    void staleSocketMeansNoInstance();
    void statusWithoutProvider();
    void activateWaitsForListener();
    void closeRemovesSocket();

private:
    QString socketPath() const { return InstancePaths::socketPath(m_runtime->path()); }

    std::unique_ptr<QTemporaryDir> m_runtime;
    std::unique_ptr<InstanceLock> m_lock;
    std::unique_ptr<InstanceServer> m_server;
};

void InstanceServerTest::init()
{
    m_runtime = std::make_unique<QTemporaryDir>();
    QVERIFY(m_runtime->isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime->path()));

    m_lock = std::make_unique<InstanceLock>(m_runtime->path());
    QCOMPARE(m_lock->acquire(), InstanceLock::Result::Primary);

    m_server = std::make_unique<InstanceServer>();
    m_server->setStatusProvider([] { return CannedStatus; });
    QVERIFY2(m_server->listen(*m_lock), qPrintable(m_server->errorString()));
}

void InstanceServerTest::cleanup()
{
    m_server.reset();
    m_lock.reset();
    m_runtime.reset();
}

void InstanceServerTest::statusRoundTrip()
{
    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::StatusCommand);

    QCOMPARE(result.kind, Kind::Reply);
    QCOMPARE(result.reply, CannedStatus);
}

void InstanceServerTest::activateRoundTrip()
{
    QSignalSpy activations(m_server.get(), &InstanceServer::activationRequested);

    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::ActivateCommand);

    QCOMPARE(result.kind, Kind::Reply);
    QCOMPARE(result.reply, QJsonObject({{QStringLiteral("ok"), true}}));
    QTRY_COMPARE(activations.count(), 1);
}

void InstanceServerTest::reloadRoundTrip()
{
    QSignalSpy reloads(m_server.get(), &InstanceServer::reloadRequested);

    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::ReloadCommand);

    QCOMPARE(result.kind, Kind::Reply);
    QCOMPARE(result.reply, QJsonObject({{QStringLiteral("ok"), true}}));
    QTRY_COMPARE(reloads.count(), 1);
}

void InstanceServerTest::tokenRoundTrip()
{
    const QDateTime expiresAt(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    m_server->setTokenProvider([expiresAt](const InstanceServer::TokenReply& reply) {
        reply(QStringLiteral("access-token-1"), expiresAt, ApiError{});
    });

    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::TokenCommand);

    QCOMPARE(result.kind, Kind::Reply);
    QCOMPARE(result.reply.value(QStringLiteral("accessToken")).toString(), QStringLiteral("access-token-1"));
    QCOMPARE(result.reply.value(QStringLiteral("expiresAt")).toString(), QStringLiteral("2030-01-01T12:00:00Z"));
}

void InstanceServerTest::tokenReplyWaitsForProvider()
{
    // The provider replies later, as Session::requestAccessToken() does during a refresh.
    const QDateTime expiresAt(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    m_server->setTokenProvider([this, expiresAt](const InstanceServer::TokenReply& reply) {
        QTimer::singleShot(InstanceServer::RequestTimeoutMs / 10, m_server.get(),
                           [reply, expiresAt] { reply(QStringLiteral("access-token-2"), expiresAt, ApiError{}); });
    });

    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::TokenCommand);

    QCOMPARE(result.kind, Kind::Reply);
    QCOMPARE(result.reply.value(QStringLiteral("accessToken")).toString(), QStringLiteral("access-token-2"));
}

void InstanceServerTest::tokenErrorCarriesKind()
{
    m_server->setTokenProvider([](const InstanceServer::TokenReply& reply) {
        ApiError error;
        error.kind = ApiError::Kind::RefreshTokenRejected;
        error.message = QStringLiteral("The session ended.");
        reply(QString(), QDateTime(), error);
    });
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^replying to a token request with the error")));

    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::TokenCommand);

    QCOMPARE(result.kind, Kind::Failed);
    QCOMPARE(result.reply.value(QStringLiteral("kind")).toString(), QStringLiteral("refresh-token-rejected"));
    QCOMPARE(result.reply.value(QStringLiteral("error")).toString(), QStringLiteral("The session ended."));
    QVERIFY(!result.reply.contains(QStringLiteral("accessToken")));
}

void InstanceServerTest::tokenWithoutProvider()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("before access tokens are available")));

    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::TokenCommand);

    QCOMPARE(result.kind, Kind::Failed);
    QCOMPARE(result.reply.value(QStringLiteral("kind")).toString(), QStringLiteral("not-signed-in"));
}

void InstanceServerTest::tokenReplyAfterClientLeft()
{
    InstanceServer::TokenReply pendingReply;
    m_server->setTokenProvider([&pendingReply](const InstanceServer::TokenReply& reply) { pendingReply = reply; });

    {
        QLocalSocket socket;
        socket.connectToServer(socketPath());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(QByteArrayLiteral("{\"command\": \"token\"}\n"));
        QVERIFY(socket.waitForBytesWritten(5000));
        QTRY_VERIFY(pendingReply);
    }
    QTRY_COMPARE(sendInThread(socketPath(), InstanceProtocol::StatusCommand).kind, Kind::Reply);

    pendingReply(QStringLiteral("access-token-3"), QDateTime::currentDateTimeUtc(), ApiError{});

    QCOMPARE(sendInThread(socketPath(), InstanceProtocol::StatusCommand).kind, Kind::Reply);
}

void InstanceServerTest::replyIsOneLine()
{
    const QByteArray reply = exchangeRaw(socketPath(), QByteArrayLiteral("{\"command\": \"status\"}\n"));

    QVERIFY(reply.endsWith('\n'));
    QCOMPARE(reply.count('\n'), 1);
    QCOMPARE(parseReply(reply), CannedStatus);
}

void InstanceServerTest::longestLineAccepted()
{
    QByteArray request = QByteArrayLiteral("{\"command\": \"status\"}");
    request.append(InstanceProtocol::MaxLineBytes - request.size(), ' ');
    QCOMPARE(request.size(), InstanceProtocol::MaxLineBytes);

    const QByteArray reply = exchangeRaw(socketPath(), request + '\n');

    QCOMPARE(parseReply(reply), CannedStatus);
}

void InstanceServerTest::rejectedRequest_data()
{
    QTest::addColumn<QByteArray>("request");

    QTest::newRow("not JSON") << QByteArrayLiteral("status\n");
    QTest::newRow("empty line") << QByteArrayLiteral("\n");
    QTest::newRow("JSON array") << QByteArrayLiteral("[\"status\"]\n");
    QTest::newRow("JSON string") << QByteArrayLiteral("\"status\"\n");
    QTest::newRow("no command") << QByteArrayLiteral("{}\n");
    QTest::newRow("command not a string") << QByteArrayLiteral("{\"command\": 1}\n");
    QTest::newRow("unknown command") << QByteArrayLiteral("{\"command\": \"shutdown\"}\n");
    QTest::newRow("command in upper case") << QByteArrayLiteral("{\"command\": \"STATUS\"}\n");
    QTest::newRow("line one byte too long") << QByteArray(InstanceProtocol::MaxLineBytes + 1, 'a');
    QTest::newRow("line far too long") << QByteArray(4 * InstanceProtocol::MaxLineBytes, ' ') + '\n';
}

void InstanceServerTest::rejectedRequest()
{
    QFETCH(QByteArray, request);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^rejected ")));

    const QByteArray reply = exchangeRaw(socketPath(), request);

    QCOMPARE(reply.count('\n'), 1);
    const QJsonObject object = parseReply(reply);
    QCOMPARE(object.keys(), QStringList{QStringLiteral("error")});
    QVERIFY(!object.value(QStringLiteral("error")).toString().isEmpty());

    const InstanceClient::Result after = sendInThread(socketPath(), InstanceProtocol::StatusCommand);
    QCOMPARE(after.kind, Kind::Reply);
}

void InstanceServerTest::silentClientDropped_data()
{
    QTest::addColumn<QByteArray>("sent");

    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("part of a line") << QByteArrayLiteral("{\"command\": \"sta");
}

void InstanceServerTest::silentClientDropped()
{
    QFETCH(QByteArray, sent);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("sent no complete request")));
    QElapsedTimer elapsed;
    elapsed.start();

    QLocalSocket socket;
    socket.connectToServer(socketPath());
    QVERIFY(socket.waitForConnected(5000));
    QSignalSpy disconnected(&socket, &QLocalSocket::disconnected);
    socket.write(sent);

    QVERIFY(waitForDisconnect(socket, disconnected, InstanceServer::RequestTimeoutMs + 5000));
    // QTimer's default coarse timers may fire up to 5% early.
    QVERIFY(elapsed.elapsed() >= InstanceServer::RequestTimeoutMs * 95 / 100);
    QCOMPARE(socket.readAll(), QByteArray());
}

void InstanceServerTest::connectionLimit()
{
    std::vector<std::unique_ptr<QLocalSocket>> open;
    for (int i = 0; i < InstanceServer::MaxConnections; ++i) {
        open.push_back(std::make_unique<QLocalSocket>());
        open.back()->connectToServer(socketPath());
        QVERIFY(open.back()->waitForConnected(5000));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("are already open$")));

    QLocalSocket extra;
    extra.connectToServer(socketPath());
    QVERIFY(extra.waitForConnected(5000));
    QSignalSpy extraDisconnected(&extra, &QLocalSocket::disconnected);

    QVERIFY(waitForDisconnect(extra, extraDisconnected, InstanceServer::RequestTimeoutMs / 2));
    QCOMPARE(extra.readAll(), QByteArray());
    for (const auto& socket : open)
        QCOMPARE(socket->state(), QLocalSocket::ConnectedState);

    open.clear();
    QTRY_COMPARE(sendInThread(socketPath(), InstanceProtocol::StatusCommand).kind, Kind::Reply);
}

void InstanceServerTest::socketIsPrivate()
{
    const mode_t directoryMode = modeOf(m_runtime->path());
    const mode_t socketMode = modeOf(socketPath());

    QCOMPARE(directoryMode & 07777, mode_t(0700));
    QVERIFY(S_ISSOCK(socketMode));
    QCOMPARE(socketMode & 0077, mode_t(0));
    QCOMPARE(m_server->socketPath(), socketPath());
}

void InstanceServerTest::listenRequiresLock()
{
    InstanceLock secondary(m_runtime->path());
    QCOMPARE(secondary.acquire(), InstanceLock::Result::Secondary);
    InstanceServer server;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("without holding the instance lock")));

    QVERIFY(!server.listen(secondary));

    QVERIFY(!server.errorString().isEmpty());
    QVERIFY(!server.isListening());
    QVERIFY(QFile::exists(socketPath()));
}

void InstanceServerTest::staleSocketReplaced()
{
    m_server->close();
    QVERIFY(leaveStaleSocket(socketPath()));
    QVERIFY(QFile::exists(socketPath()));

    QVERIFY2(m_server->listen(*m_lock), qPrintable(m_server->errorString()));

    QCOMPARE(sendInThread(socketPath(), InstanceProtocol::StatusCommand).kind, Kind::Reply);
}

void InstanceServerTest::noSocketMeansNoInstance()
{
    m_server->close();

    const InstanceClient::Result result = InstanceClient::send(socketPath(), InstanceProtocol::StatusCommand);

    QCOMPARE(result.kind, Kind::NoInstance);
}

void InstanceServerTest::staleSocketMeansNoInstance()
{
    m_server->close();
    QVERIFY(leaveStaleSocket(socketPath()));

    const InstanceClient::Result result = InstanceClient::send(socketPath(), InstanceProtocol::StatusCommand);

    QCOMPARE(result.kind, Kind::NoInstance);
}

void InstanceServerTest::statusWithoutProvider()
{
    m_server->setStatusProvider({});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("before the status is available")));

    const InstanceClient::Result result = sendInThread(socketPath(), InstanceProtocol::StatusCommand);

    QCOMPARE(result.kind, Kind::Failed);
    QVERIFY(!result.errorMessage.isEmpty());
}

void InstanceServerTest::activateWaitsForListener()
{
    m_server->close();
    QTimer::singleShot(300, m_server.get(), [this] { m_server->listen(*m_lock); });

    const InstanceClient::Result result =
        callInThread([path = socketPath()] { return InstanceClient::activate(path, 5000); });

    QCOMPARE(result.kind, Kind::Reply);
    QVERIFY(m_server->isListening());
}

void InstanceServerTest::closeRemovesSocket()
{
    QVERIFY(QFile::exists(socketPath()));

    m_server.reset();

    QVERIFY(!QFile::exists(socketPath()));
}

QTEST_GUILESS_MAIN(InstanceServerTest)
#include "tst_instanceserver.moc"
