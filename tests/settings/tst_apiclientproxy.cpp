// ApiClient::setProxy(): a loopback stand-in for an HTTP proxy checks that a
// manual proxy carries the request, that it gets the proxy credentials, and
// that NoProxy and the system setting reach a loopback server directly.
// Every socket here listens on 127.0.0.1 and nothing leaves the machine.

#include "ApiClient.h"
#include "ProxySettings.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

// A 401 in the ABP envelope, so that the call ends with a server error.
QByteArray unauthorizedResponse()
{
    const QByteArray body =
        R"({"result":null,"success":false,"error":{"code":0,"message":"Invalid user name or password",)"
        R"("details":null},"unAuthorizedRequest":true,"__abp":true})";
    return "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray proxyAuthenticationRequired()
{
    return "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"denvr-test\"\r\n"
           "Content-Length: 0\r\nConnection: close\r\n\r\n";
}

// A loopback HTTP/1.1 endpoint that records each complete request and replies
// with the next queued response, or with the last one when the queue runs out.
class RecordingServer : public QObject
{
public:
    RecordingServer() { connect(&m_server, &QTcpServer::newConnection, this, &RecordingServer::acceptConnections); }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    void setResponses(const QList<QByteArray>& responses) { m_responses = responses; }
    QList<QByteArray> requests() const { return m_requests; }

    static QByteArray requestLine(const QByteArray& request) { return request.left(request.indexOf("\r\n")); }

    static QByteArray header(const QByteArray& request, const QByteArray& name)
    {
        const QList<QByteArray> lines = request.left(request.indexOf("\r\n\r\n")).split('\n');
        for (const QByteArray& line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

private:
    void acceptConnections()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void readRequest(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();

        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const qsizetype contentLength = header(buffer, "Content-Length").toLongLong();
        if (buffer.size() < headerEnd + 4 + contentLength)
            return;

        m_requests.append(buffer);
        m_buffers.remove(socket);

        const QByteArray response = m_responses.size() > 1 ? m_responses.takeFirst() : m_responses.value(0);
        socket->write(response);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<QByteArray> m_responses;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

AuthenticateRequest someCredentials()
{
    AuthenticateRequest request;
    request.userNameOrEmailAddress = QStringLiteral("ada");
    request.password = QStringLiteral("not-a-real-password");
    return request;
}

// Starts an Authenticate call and waits until it has finished.
bool authenticate(ApiClient& client)
{
    bool finished = false;
    ApiCall* call = client.authenticate(someCredentials());
    QObject::connect(call, &ApiCall::finished, call, [&finished] { finished = true; });
    return QTest::qWaitFor([&finished] { return finished; }, 10000);
}

} // namespace

class tst_ApiClientProxy : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void manualProxyCarriesRequest();
    void manualProxyGetsCredentials();
    void noProxyConnectsDirectly();
    void systemProxySkipsLoopback();
    void systemProxyFollowsEnvironment();

private:
    std::unique_ptr<RecordingServer> m_proxy;
    std::unique_ptr<RecordingServer> m_server;
};

void tst_ApiClientProxy::init()
{
    m_proxy = std::make_unique<RecordingServer>();
    m_server = std::make_unique<RecordingServer>();
    QVERIFY(m_proxy->listen());
    QVERIFY(m_server->listen());
    m_proxy->setResponses({unauthorizedResponse()});
    m_server->setResponses({unauthorizedResponse()});
}

// In Qt 6.4 a proxy set on the QNetworkAccessManager is used even for a
// 127.0.0.1 server, so the server can stay on loopback, and m_server checks
// that no request went around the proxy.
void tst_ApiClientProxy::manualProxyCarriesRequest()
{
    ApiClient client;
    client.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
    client.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_proxy->port()));

    QVERIFY(authenticate(client));

    QCOMPARE(m_proxy->requests().size(), 1);
    QCOMPARE(RecordingServer::requestLine(m_proxy->requests().first()),
             QByteArray("POST http://127.0.0.1:" + QByteArray::number(m_server->port()) +
                        "/api/TokenAuth/Authenticate HTTP/1.1"));
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_ApiClientProxy::manualProxyGetsCredentials()
{
    m_proxy->setResponses({proxyAuthenticationRequired(), unauthorizedResponse()});
    ApiClient client;
    client.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
    ProxySettings proxy;
    proxy.mode = ProxySettings::Mode::Manual;
    proxy.host = QStringLiteral("127.0.0.1");
    proxy.port = m_proxy->port();
    proxy.userName = QStringLiteral("proxy-user");
    client.setProxy(proxy.toNetworkProxy(QStringLiteral("proxy-secret")));

    QVERIFY(authenticate(client));

    QCOMPARE(m_proxy->requests().size(), 2);
    QCOMPARE(RecordingServer::header(m_proxy->requests().last(), "Proxy-Authorization"),
             QByteArray("Basic " + QByteArray("proxy-user:proxy-secret").toBase64()));
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_ApiClientProxy::noProxyConnectsDirectly()
{
    ApiClient client;
    client.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
    client.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));

    QVERIFY(authenticate(client));

    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(RecordingServer::requestLine(m_server->requests().first()),
             QByteArray("POST /api/TokenAuth/Authenticate HTTP/1.1"));
    QCOMPARE(m_proxy->requests().size(), 0);
}

// The system configuration on Linux includes the http_proxy variable, so a
// loopback server would reach the stand-in proxy if the loopback rule failed.
void tst_ApiClientProxy::systemProxySkipsLoopback()
{
    const QByteArray proxyUrl = "http://127.0.0.1:" + QByteArray::number(m_proxy->port());
    qputenv("http_proxy", proxyUrl);
    qputenv("HTTP_PROXY", proxyUrl);
    qunsetenv("no_proxy");
    qunsetenv("NO_PROXY");
    ApiClient client;
    client.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
    client.setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));

    QVERIFY(authenticate(client));

    qunsetenv("http_proxy");
    qunsetenv("HTTP_PROXY");
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_proxy->requests().size(), 0);
}

// ApiClient's calls reject plain http to a host other than loopback
// (ServerUrl::validate), so this test sends through the client's
// QNetworkAccessManager itself. The .invalid name never resolves (RFC 6761),
// and the request goes only to the stand-in proxy, which sends the response.
void tst_ApiClientProxy::systemProxyFollowsEnvironment()
{
    const QByteArray proxyUrl = "http://127.0.0.1:" + QByteArray::number(m_proxy->port());
    qputenv("http_proxy", proxyUrl);
    qputenv("HTTP_PROXY", proxyUrl);
    qunsetenv("no_proxy");
    qunsetenv("NO_PROXY");
    ApiClient client;
    client.setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));

    QNetworkRequest request(QUrl(QStringLiteral("http://denvr-proxy-test.invalid/api/TokenAuth/Authenticate")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = client.networkAccessManager()->post(request, QByteArrayLiteral("{}"));
    const bool finished = QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000);
    reply->deleteLater();

    qunsetenv("http_proxy");
    qunsetenv("HTTP_PROXY");
    QVERIFY(finished);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(m_proxy->requests().size(), 1);
    QCOMPARE(RecordingServer::requestLine(m_proxy->requests().first()),
             QByteArray("POST http://denvr-proxy-test.invalid/api/TokenAuth/Authenticate HTTP/1.1"));
}

QTEST_GUILESS_MAIN(tst_ApiClientProxy)
#include "tst_apiclientproxy.moc"
