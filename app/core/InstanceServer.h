#pragma once

#include "ApiError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

class InstanceLock;
class QLocalServer;
class QLocalSocket;

// The primary instance's end of the instance socket (see InstanceProtocol.h).
// Other processes of the same user ask it for the session status or an access
// token, bring its window forward, or make it read the stored session again.
// Connections from other users are closed unanswered, whatever the command:
// the socket has mode 0700 in a private directory, and on Linux the peer's
// uid is checked with SO_PEERCRED as well.
class InstanceServer : public QObject
{
    Q_OBJECT

public:
    using StatusProvider = std::function<QJsonObject()>;

    // Replies to one "token" request with an access token and its expiry, or an error
    // whose kind and message the client receives. May be called later, from
    // the event loop, and must be called at most once.
    using TokenReply =
        std::function<void(const QString& accessToken, const QDateTime& expiresAt, const ApiError& error)>;
    using TokenProvider = std::function<void(TokenReply reply)>;

    // A client must send its whole request line within this time.
    static constexpr int RequestTimeoutMs = 5000;

    // A "token" request whose provider has not replied within this time gets a
    // timeout error. It exceeds ApiClient::DefaultTransferTimeoutMs, so that a
    // refresh in flight can finish first.
    static constexpr int TokenTimeoutMs = 30000;

    // Connections beyond this many at once are closed unanswered.
    static constexpr int MaxConnections = 16;

    explicit InstanceServer(QObject* parent = nullptr);
    ~InstanceServer() override;

    // Sets the function that builds the reply to "status". Without one,
    // "status" gets an error reply.
    void setStatusProvider(StatusProvider provider);

    // Sets the function that obtains an access token for "token", such as
    // Session::requestAccessToken(). Without one, "token" gets an error reply.
    void setTokenProvider(TokenProvider provider);

    // Listens on InstancePaths::socketPath() of the lock's directory. Only the
    // primary instance may listen, because a socket file left at that path by
    // a crashed process is removed first. Returns false and fills
    // errorString() when the lock is not held or listening failed.
    bool listen(const InstanceLock& lock);
    void close();

    bool isListening() const;
    QString socketPath() const { return m_socketPath; }
    QString errorString() const { return m_errorString; }

signals:
    // Emitted when a second instance starts, so that the window comes forward.
    void activationRequested();

    // Emitted after the reply to a "reload" request, because another process (such as
    // denvr-auth) stored or deleted the session in the keychain.
    void reloadRequested();

private:
    void acceptConnections();
    using ReplyFunction = std::function<void(const QJsonObject& reply)>;

    void serve(QLocalSocket* socket);
    void handleRequest(const QByteArray& line, const ReplyFunction& reply);
    void requestToken(const ReplyFunction& reply);
    QJsonObject errorReply(const QString& message) const;

    QLocalServer* m_server;
    StatusProvider m_statusProvider;
    TokenProvider m_tokenProvider;
    QString m_socketPath;
    QString m_errorString;
    int m_connectionCount = 0;
};
