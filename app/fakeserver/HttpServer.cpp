#include "HttpServer.h"

#include "FakeServerLog.h"
#include "StdoutLines.h"

#include <QSslSocket>

HttpServer::HttpServer(HttpConnection::RequestHandler handler, int responseDelayMs, QObject* parent)
    : QTcpServer(parent)
    , m_handler(std::move(handler))
    , m_responseDelayMs(responseDelayMs)
{
    connect(this, &QTcpServer::newConnection, this, &HttpServer::acceptPendingConnections);
}

void HttpServer::enableTls(const QSslConfiguration& configuration)
{
    m_tlsConfiguration = configuration;
}

QString HttpServer::baseUrl() const
{
    const QString scheme = m_tlsConfiguration ? QStringLiteral("https") : QStringLiteral("http");
    return QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(serverPort());
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    if (!m_tlsConfiguration) {
        QTcpServer::incomingConnection(socketDescriptor);
        return;
    }

    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcFakeServer) << "failed to accept a TLS connection:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSslConfiguration(*m_tlsConfiguration);

    // Errors after the handshake are ordinary disconnects and the HttpConnection
    // handles them. Handshake failures are worth a line, since a client that
    // rejects the certificate only shows up here.
    connect(socket, &QAbstractSocket::errorOccurred, socket, [socket](QAbstractSocket::SocketError) {
        if (!socket->isEncrypted())
            qCInfo(lcFakeServer).noquote()
                << "TLS handshake with port" << socket->peerPort() << "failed:" << socket->errorString();
    });

    addPendingConnection(socket);
    socket->startServerEncryption();
}

void HttpServer::acceptPendingConnections()
{
    while (hasPendingConnections()) {
        QTcpSocket* socket = nextPendingConnection();
        auto* connection = new HttpConnection(socket, m_handler, m_responseDelayMs, m_faults, this);
        if (!m_printsRequestLines)
            continue;

        connect(connection, &HttpConnection::exchangeFinished, this,
                [](const QByteArray& method, const QByteArray& path, int statusCode, const QByteArray& fault) {
                    QByteArray line = method + ' ' + path + ' ' + QByteArray::number(statusCode);
                    if (!fault.isEmpty())
                        line += " fault=" + fault;
                    writeStdoutLine(line);
                });
    }
}
