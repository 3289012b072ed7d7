#pragma once

#include "HttpConnection.h"

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

// Accepts plain or TLS connections and hands each to an HttpConnection. Prints
// "METHOD PATH STATUS" on stdout for every finished request.
class HttpServer : public QTcpServer
{
    Q_OBJECT

public:
    HttpServer(HttpConnection::RequestHandler handler, int responseDelayMs, QObject* parent = nullptr);

    // Serves HTTPS with this configuration from the next connection on.
    void enableTls(const QSslConfiguration& configuration);

    // Returns "http://127.0.0.1:PORT", or "https://..." with TLS, once listening.
    QString baseUrl() const;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void acceptPendingConnections();

    HttpConnection::RequestHandler m_handler;
    int m_responseDelayMs;
    std::optional<QSslConfiguration> m_tlsConfiguration;
};
