#include "InstanceClient.h"

#include "InstanceProtocol.h"
#include "LoggingCategories.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocalSocket>
#include <QThread>

#include <optional>

namespace {

// How long activate() waits between two attempts while no process listens.
constexpr int ActivateRetryIntervalMs = 100;

QString translate(const char* text)
{
    return QCoreApplication::translate("InstanceClient", text);
}

InstanceClient::Result noInstance()
{
    InstanceClient::Result result;
    result.kind = InstanceClient::Result::Kind::NoInstance;
    return result;
}

InstanceClient::Result failed(const QString& message)
{
    qCDebug(lcApp).noquote() << "instance socket request failed:" << message;

    InstanceClient::Result result;
    result.kind = InstanceClient::Result::Kind::Failed;
    result.errorMessage = message;
    return result;
}

int remainingMs(const QDeadlineTimer& deadline)
{
    return int(qMax<qint64>(deadline.remainingTime(), 0));
}

// Connects within the deadline. Returns nothing on success, otherwise the result to report.
std::optional<InstanceClient::Result> connectSocket(QLocalSocket& socket, const QString& socketPath,
                                                    const QDeadlineTimer& deadline)
{
    socket.connectToServer(socketPath);
    if (socket.waitForConnected(remainingMs(deadline)))
        return std::nullopt;

    switch (socket.error()) {
    case QLocalSocket::ServerNotFoundError:
    case QLocalSocket::ConnectionRefusedError:
        qCDebug(lcApp).noquote() << "no instance listens on" << socketPath << "-" << socket.errorString();
        return noInstance();
    case QLocalSocket::SocketAccessError:
        return failed(translate("No permission to connect to %1.").arg(socketPath));
    case QLocalSocket::SocketTimeoutError:
        return failed(translate("The running instance did not accept the connection on %1 in time.").arg(socketPath));
    default:
        return failed(translate("Could not connect to %1: %2").arg(socketPath, socket.errorString()));
    }
}

// Reads up to the first newline within the deadline. Returns the line without
// it, or fills *errorMessage and returns nothing.
std::optional<QByteArray> readLine(QLocalSocket& socket, const QDeadlineTimer& deadline, QString* errorMessage)
{
    QByteArray line;

    for (;;) {
        line += socket.read(InstanceProtocol::MaxLineBytes + 1 - line.size());

        const qsizetype newline = line.indexOf('\n');
        if (newline >= 0) {
            line.truncate(newline);
            return line;
        }

        if (line.size() > InstanceProtocol::MaxLineBytes) {
            *errorMessage = translate("The running instance sent a reply longer than %1 bytes.")
                                .arg(InstanceProtocol::MaxLineBytes);
            return std::nullopt;
        }

        if (socket.waitForReadyRead(remainingMs(deadline)) || socket.bytesAvailable() > 0)
            continue;

        if (socket.state() == QLocalSocket::UnconnectedState || socket.error() == QLocalSocket::PeerClosedError)
            *errorMessage = translate("The running instance closed the connection without replying.");
        else
            *errorMessage = translate("The running instance did not reply in time.");
        return std::nullopt;
    }
}

} // namespace

namespace InstanceClient {

Result send(const QString& socketPath, const QString& command, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;

    if (const std::optional<Result> connectFailure = connectSocket(socket, socketPath, deadline))
        return *connectFailure;

    const QJsonObject request{{InstanceProtocol::CommandKey, command}};
    socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    if (!socket.waitForBytesWritten(remainingMs(deadline)) && socket.bytesToWrite() > 0)
        return failed(translate("Could not send the request to the running instance: %1").arg(socket.errorString()));

    QString readError;
    const std::optional<QByteArray> line = readLine(socket, deadline, &readError);
    if (!line)
        return failed(readError);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return failed(translate("The running instance sent a reply that is not a JSON object."));

    const QJsonObject reply = document.object();
    if (reply.contains(InstanceProtocol::ErrorKey)) {
        Result rejected = failed(translate("The running instance rejected the request: %1")
                                     .arg(reply.value(InstanceProtocol::ErrorKey).toString()));
        rejected.reply = reply;
        return rejected;
    }

    Result result;
    result.kind = Result::Kind::Reply;
    result.reply = reply;
    return result;
}

Result activate(const QString& socketPath, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);

    for (;;) {
        const Result result = send(socketPath, InstanceProtocol::ActivateCommand, remainingMs(deadline));
        if (result.kind != Result::Kind::NoInstance || deadline.hasExpired())
            return result;

        QThread::msleep(ActivateRetryIntervalMs);
    }
}

} // namespace InstanceClient
