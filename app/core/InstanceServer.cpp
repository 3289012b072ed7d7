#include "InstanceServer.h"

#include "InstanceLock.h"
#include "InstancePaths.h"
#include "InstanceProtocol.h"
#include "LoggingCategories.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QTimer>

#include <optional>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

namespace {

// The maximum length in characters of an unknown command quoted in the error reply.
constexpr int MaxQuotedCommandLength = 100;

// The request bytes that arrived so far on one connection, and the deadline
// of the step in progress: receiving the request, waiting for an access
// token, or the client taking the reply. A child of the connection's socket.
class Exchange : public QObject
{
public:
    explicit Exchange(QLocalSocket* socket)
        : QObject(socket)
    {
        deadline.setSingleShot(true);
        deadline.start(InstanceServer::RequestTimeoutMs);
    }

    QByteArray request;
    bool requestComplete = false; // a whole line arrived, so later bytes are discarded
    bool replied = false;
    QTimer deadline;
};

// Returns the effective uid of the process at the other end of a connected
// local socket, or nothing when the system does not report it.
std::optional<uid_t> peerUserId(qintptr descriptor)
{
#if defined(Q_OS_LINUX)
    struct ucred credentials = {};
    socklen_t length = sizeof(credentials);
    if (::getsockopt(int(descriptor), SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0)
        return std::nullopt;
    return credentials.uid;
#else
    // NOTE: not built or tested on BSD or macOS, which report the peer with getpeereid().
    uid_t userId = 0;
    gid_t groupId = 0;
    if (::getpeereid(int(descriptor), &userId, &groupId) != 0)
        return std::nullopt;
    return userId;
#endif
}

QByteArray encodeLine(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject tokenErrorReply(const ApiError& error)
{
    return QJsonObject{{InstanceProtocol::ErrorKey, error.userText()},
                       {InstanceProtocol::KindKey, ApiError::kindName(error.kind)}};
}

} // namespace

InstanceServer::InstanceServer(QObject* parent)
    : QObject(parent)
    , m_server(new QLocalServer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &InstanceServer::acceptConnections);
}

InstanceServer::~InstanceServer()
{
    close();
}

void InstanceServer::setStatusProvider(StatusProvider provider)
{
    m_statusProvider = std::move(provider);
}

void InstanceServer::setTokenProvider(TokenProvider provider)
{
    m_tokenProvider = std::move(provider);
}

bool InstanceServer::listen(const InstanceLock& lock)
{
    m_errorString.clear();

    if (!lock.isPrimary()) {
        qCWarning(lcApp) << "not listening on the instance socket without holding the instance lock";
        m_errorString = tr("Only the instance that holds the lock may listen on the instance socket.");
        return false;
    }

    const QString path = InstancePaths::socketPath(lock.runtimeDirectory());

    // A file at this path belongs to an instance that has exited, because we
    // hold the lock. QLocalServer::listen() fails while it exists.
    if (QFile::exists(path)) {
        qCInfo(lcApp).noquote() << "removing the socket file left by an earlier instance" << path;
        QLocalServer::removeServer(path);
    }

    if (!m_server->listen(path)) {
        qCWarning(lcApp).noquote() << "could not listen on the instance socket" << path << "-"
                                   << m_server->errorString();
        m_errorString = tr("Could not listen on %1: %2").arg(path, m_server->errorString());
        return false;
    }

    m_socketPath = m_server->fullServerName();
    qCInfo(lcApp).noquote() << "listening on the instance socket" << m_socketPath;
    return true;
}

void InstanceServer::close()
{
    if (!m_server->isListening())
        return;

    m_server->close();
    qCInfo(lcApp).noquote() << "closed the instance socket" << m_socketPath;
}

bool InstanceServer::isListening() const
{
    return m_server->isListening();
}

void InstanceServer::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        const std::optional<uid_t> peer = peerUserId(socket->socketDescriptor());

        if (!peer || *peer != ::geteuid()) {
            qCWarning(lcApp).noquote() << "closed an instance socket connection from uid"
                                       << (peer ? QString::number(*peer) : QStringLiteral("unknown")) << "- only uid"
                                       << ::geteuid() << "may connect";
            socket->abort();
            socket->deleteLater();
            continue;
        }

        if (m_connectionCount >= MaxConnections) {
            qCWarning(lcApp) << "closed an instance socket connection because" << m_connectionCount
                             << "are already open";
            socket->abort();
            socket->deleteLater();
            continue;
        }

        serve(socket);
    }
}

void InstanceServer::serve(QLocalSocket* socket)
{
    auto* exchange = new Exchange(socket);

    ++m_connectionCount;
    connect(socket, &QObject::destroyed, this, [this] { --m_connectionCount; });
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);

    // Writes the one reply line and closes the connection. A token reply may
    // come after the client has gone, and then the guard is null.
    const ReplyFunction sendReply = [guard = QPointer<QLocalSocket>(socket), exchange](const QJsonObject& reply) {
        if (!guard || exchange->replied)
            return;

        exchange->replied = true;
        exchange->deadline.start(RequestTimeoutMs);
        guard->write(encodeLine(reply));
        guard->disconnectFromServer();
    };

    connect(&exchange->deadline, &QTimer::timeout, socket, [socket, exchange, sendReply] {
        if (exchange->requestComplete && !exchange->replied) {
            qCWarning(lcApp) << "no access token arrived within" << TokenTimeoutMs
                             << "ms; replying with a timeout error";
            ApiError error;
            error.kind = ApiError::Kind::Timeout;
            error.message = tr("Denvr Sign-In did not obtain an access token within %1 s.").arg(TokenTimeoutMs / 1000);
            sendReply(tokenErrorReply(error));
            return;
        }

        if (exchange->replied)
            qCDebug(lcApp) << "closed an instance socket connection whose client did not take the reply in time";
        else
            qCWarning(lcApp) << "dropped an instance socket client that sent no complete request within"
                             << RequestTimeoutMs << "ms";
        socket->abort();
        socket->deleteLater();
    });

    const auto readRequest = [this, socket, exchange, sendReply] {
        if (exchange->requestComplete) {
            socket->readAll();
            return;
        }

        // Reads no more than one byte past the limit, so that a client cannot
        // make the buffer grow without bound.
        const qint64 room = InstanceProtocol::MaxLineBytes + 1 - exchange->request.size();
        exchange->request += socket->read(room);

        const qsizetype newline = exchange->request.indexOf('\n');
        if (newline < 0 && exchange->request.size() <= InstanceProtocol::MaxLineBytes)
            return;

        const QByteArray line = exchange->request.left(newline);
        exchange->requestComplete = true;
        exchange->request.clear();

        // Only "token" replies later. Its provider gets this long, and the
        // other commands have replied before handleRequest() returns.
        exchange->deadline.start(TokenTimeoutMs);

        if (newline >= 0) {
            handleRequest(line, sendReply);
            return;
        }

        qCWarning(lcApp) << "rejected an instance socket request longer than" << InstanceProtocol::MaxLineBytes
                         << "bytes";
        sendReply(errorReply(tr("The request is longer than %1 bytes.").arg(InstanceProtocol::MaxLineBytes)));
    };
    connect(socket, &QLocalSocket::readyRead, this, readRequest);

    qCDebug(lcApp) << "accepted an instance socket connection";

    if (socket->bytesAvailable() > 0)
        readRequest();
}

void InstanceServer::handleRequest(const QByteArray& line, const ReplyFunction& reply)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);

    if (parseError.error != QJsonParseError::NoError) {
        qCWarning(lcApp) << "rejected an instance socket request that is not valid JSON:" << parseError.errorString();
        reply(errorReply(tr("The request is not valid JSON: %1.").arg(parseError.errorString())));
        return;
    }

    const QJsonValue commandValue =
        document.isObject() ? document.object().value(InstanceProtocol::CommandKey) : QJsonValue();
    if (!commandValue.isString()) {
        qCWarning(lcApp) << "rejected an instance socket request without a \"command\" string";
        reply(errorReply(tr("The request must be a JSON object with a \"command\" string.")));
        return;
    }

    const QString command = commandValue.toString();

    if (command == InstanceProtocol::StatusCommand) {
        if (!m_statusProvider) {
            qCWarning(lcApp) << "received a status request before the status is available";
            reply(errorReply(tr("The status is not available yet. Try again in a moment.")));
            return;
        }
        qCDebug(lcApp) << "answering a status request";
        reply(m_statusProvider());
        return;
    }

    if (command == InstanceProtocol::ActivateCommand) {
        qCInfo(lcApp) << "another instance asked to bring this one forward";

        // Emitted after the reply is written, so that a slot that opens a
        // dialog cannot delay the reply.
        QMetaObject::invokeMethod(
            this, [this] { emit activationRequested(); }, Qt::QueuedConnection);
        reply(QJsonObject{{InstanceProtocol::OkKey, true}});
        return;
    }

    if (command == InstanceProtocol::ReloadCommand) {
        qCInfo(lcApp) << "another process asked to read the stored session again";
        QMetaObject::invokeMethod(
            this, [this] { emit reloadRequested(); }, Qt::QueuedConnection);
        reply(QJsonObject{{InstanceProtocol::OkKey, true}});
        return;
    }

    if (command == InstanceProtocol::TokenCommand) {
        requestToken(reply);
        return;
    }

    const QString quoted = command.left(MaxQuotedCommandLength);
    qCWarning(lcApp).noquote() << "rejected the unknown instance socket command" << quoted;
    const QStringList known{InstanceProtocol::StatusCommand, InstanceProtocol::ActivateCommand,
                            InstanceProtocol::ReloadCommand, InstanceProtocol::TokenCommand};
    reply(errorReply(tr("Unknown command \"%1\". Use one of: %2.").arg(quoted, known.join(QStringLiteral(", ")))));
}

void InstanceServer::requestToken(const ReplyFunction& reply)
{
    if (!m_tokenProvider) {
        qCWarning(lcApp) << "received a token request before access tokens are available";
        ApiError error;
        error.kind = ApiError::Kind::NotSignedIn;
        error.message = tr("Denvr Sign-In cannot provide access tokens yet. Try again in a moment.");
        reply(tokenErrorReply(error));
        return;
    }

    qCInfo(lcApp) << "another process of this user requested an access token";
    m_tokenProvider([reply](const QString& accessToken, const QDateTime& expiresAt, const ApiError& error) {
        if (error.isError() || accessToken.isEmpty()) {
            ApiError reported = error;
            if (!reported.isError()) {
                reported.kind = ApiError::Kind::NotSignedIn;
                reported.message = tr("You are not signed in to DenvrCloud. Sign in first.");
            }
            qCWarning(lcApp) << "replying to a token request with the error" << ApiError::kindName(reported.kind);
            reply(tokenErrorReply(reported));
            return;
        }

        qCInfo(lcApp) << "replying to a token request with an access token that expires at"
                      << expiresAt.toUTC().toString(Qt::ISODate);
        reply(QJsonObject{{InstanceProtocol::AccessTokenKey, accessToken},
                          {InstanceProtocol::ExpiresAtKey, expiresAt.toUTC().toString(Qt::ISODate)}});
    });
}

QJsonObject InstanceServer::errorReply(const QString& message) const
{
    return QJsonObject{{InstanceProtocol::ErrorKey, message}};
}
