#pragma once

#include "HttpConnection.h"

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

// Accepts plain or TLS connections and hands each to an HttpConnection. Prints
// "METHOD PATH STATUS" on stdout for every finished request, followed by
// " fault=KIND" when a fault shaped the response.
class HttpServer : public QTcpServer
{
    Q_OBJECT

public:
    HttpServer(HttpConnection::RequestHandler handler, int responseDelayMs, QObject* parent = nullptr);

    // Serves HTTPS with this configuration from the next connection on.
    void enableTls(const QSslConfiguration& configuration);

    // Lets the faults in the table replace responses from the next connection
    // on. The table must outlive the server.
    void setFaults(FaultTable* faults) { m_faults = faults; }

    // Turns the "METHOD PATH STATUS" lines on stdout on or off (on by default).
    void setPrintsRequestLines(bool enabled) { m_printsRequestLines = enabled; }

    // Returns "http://127.0.0.1:PORT", or "https://..." with TLS, once listening.
    QString baseUrl() const;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void acceptPendingConnections();

    HttpConnection::RequestHandler m_handler;
    int m_responseDelayMs;
    FaultTable* m_faults = nullptr;
    bool m_printsRequestLines = true;
    std::optional<QSslConfiguration> m_tlsConfiguration;
};
