#include "FaultResponder.h"

#include "FakeServerLog.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace {

// On loopback a 10 MiB body written at once arrives in a few milliseconds, and
// Qt's HTTP thread reads all of it before the client's event loop receives
// any of it. Paced at 64 KiB every 10 ms (about 6.5 MB/s, an ordinary network), the
// body arrives while the client can still stop it, and the log of sent bytes
// shows when it did.
const qint64 hugeChunkBytes = 64 * 1024;
const int hugeChunkIntervalMs = 10;

// Time for the client to read the first half of the body before the reset.
const int resetDelayMs = 200;

const int dripIntervalMs = 1000;

const QByteArray captivePortalPage = "<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head>\n"
                                     "<body><h1>Welcome to the guest network</h1>\n"
                                     "<p>Accept the terms of use to continue.</p></body></html>\n";

const QByteArray badGatewayPage = "<html>\n<head><title>502 Bad Gateway</title></head>\n"
                                  "<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
                                  "<hr><center>nginx</center>\n</body>\n</html>\n";

// Returns an ABP success envelope padded with a string member to exactly hugeBodyBytes.
QByteArray hugeJsonBody()
{
    const QByteArray prefix = "{\"result\":null,\"targetUrl\":null,\"success\":true,\"error\":null,"
                              "\"unAuthorizedRequest\":false,\"__abp\":true,\"padding\":\"";
    const QByteArray suffix = "\"}";
    return prefix + QByteArray(hugeBodyBytes - prefix.size() - suffix.size(), 'x') + suffix;
}

// Serializes the status line and headers. contentLength < 0 leaves out
// Content-Length and sends "Connection: close", so closing ends the body.
QByteArray serializeHead(const HttpResponse& response, qint64 contentLength)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.statusCode) + ' ' +
                      HttpResponse::reasonPhrase(response.statusCode) + "\r\n";
    head += "Server: denvr-fake-server\r\n";
    for (const auto& header : response.headers)
        head += header.first + ": " + header.second + "\r\n";
    if (contentLength >= 0)
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    else
        head += "Connection: close\r\n";
    head += "\r\n";
    return head;
}

HttpResponse replaceContentType(HttpResponse response, const QByteArray& contentType)
{
    for (qsizetype i = response.headers.size() - 1; i >= 0; --i) {
        if (response.headers.at(i).first.toLower() == "content-type")
            response.headers.removeAt(i);
    }
    response.addHeader("Content-Type", contentType);
    return response;
}

} // namespace

HttpResponse faultyResponse(FaultKind kind, const HttpRequest& request, const HttpResponse& normalResponse,
                            const QByteArray& otherOriginUrl)
{
    switch (kind) {
    case FaultKind::Html200:
        return HttpResponse::withBody(200, "text/html; charset=utf-8", captivePortalPage);
    case FaultKind::Html502:
        return HttpResponse::withBody(502, "text/html", badGatewayPage);
    case FaultKind::Empty200:
        return HttpResponse::withoutBody(200);
    case FaultKind::WrongContentType:
        return replaceContentType(normalResponse, "application/octet-stream");
    case FaultKind::RedirectOtherOrigin: {
        // 307 keeps the method and body, and the query (with a refresh token in it) goes along.
        HttpResponse response = HttpResponse::withoutBody(307);
        QByteArray location = otherOriginUrl + request.path;
        if (!request.query.isEmpty())
            location += '?' + request.query;
        response.addHeader("Location", location);
        return response;
    }
    default:
        return normalResponse;
    }
}

FaultResponder::FaultResponder(QTcpSocket* socket, FaultKind kind, const HttpResponse& response,
                               std::shared_ptr<FaultResponseRecord> record, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_kind(kind)
    , m_record(std::move(record))
{
    if (kind == FaultKind::HugeBody || kind == FaultKind::HugeBodyUnsized) {
        HttpResponse huge = HttpResponse::withBody(200, "application/json; charset=utf-8", QByteArray());
        m_body = hugeJsonBody();
        m_head = serializeHead(huge, kind == FaultKind::HugeBody ? m_body.size() : -1);
    } else {
        m_body = response.body;
        m_head = serializeHead(response, m_body.size());
    }
    m_record->plannedBytes = m_head.size() + m_body.size();

    connect(m_socket, &QTcpSocket::bytesWritten, this, [this](qint64 bytes) { m_record->sentBytes += bytes; });

    if (kind == FaultKind::HugeBody || kind == FaultKind::HugeBodyUnsized) {
        m_pacingTimer.setInterval(hugeChunkIntervalMs);
        connect(&m_pacingTimer, &QTimer::timeout, this, &FaultResponder::writeNextHugeChunk);
    } else {
        m_pacingTimer.setInterval(dripIntervalMs);
        connect(&m_pacingTimer, &QTimer::timeout, this, &FaultResponder::writeNextDripByte);
    }

    start();
}

void FaultResponder::start()
{
    switch (m_kind) {
    case FaultKind::NoResponse:
        break;

    case FaultKind::StallAfterHeaders:
        writeBytes(m_head);
        break;

    case FaultKind::ResetMidBody:
        writeBytes(m_head + m_body.left(m_body.size() / 2));
        QTimer::singleShot(resetDelayMs, this, &FaultResponder::resetConnection);
        break;

    case FaultKind::ShortBody:
        writeBytes(m_head + m_body.left(m_body.size() / 2));
        m_socket->disconnectFromHost();
        break;

    case FaultKind::Drip:
    case FaultKind::HugeBody:
    case FaultKind::HugeBodyUnsized:
        writeBytes(m_head);
        m_pacingTimer.start();
        break;

    default:
        qCWarning(lcFakeServer) << "fault" << faultKindName(m_kind) << "does not take over the connection";
        break;
    }
}

void FaultResponder::writeBytes(const QByteArray& bytes)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->write(bytes);
}

void FaultResponder::writeNextDripByte()
{
    if (m_bodyOffset >= m_body.size() || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_pacingTimer.stop();
        return;
    }

    writeBytes(m_body.mid(m_bodyOffset, 1));
    ++m_bodyOffset;
}

void FaultResponder::writeNextHugeChunk()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_pacingTimer.stop();
        return;
    }

    // While a client that stopped reading leaves data in the write buffer, no more is queued.
    if (m_socket->bytesToWrite() < hugeChunkBytes && m_bodyOffset < m_body.size()) {
        const QByteArray chunk = m_body.mid(m_bodyOffset, hugeChunkBytes);
        m_bodyOffset += chunk.size();
        writeBytes(chunk);
    }

    if (m_bodyOffset >= m_body.size()) {
        qCInfo(lcFakeServer).noquote() << "fault" << faultKindName(m_kind) << "sent the whole body";
        m_pacingTimer.stop();
        m_socket->disconnectFromHost();
    }
}

void FaultResponder::resetConnection()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;

    // With a zero linger time, close() discards unsent data and sends RST instead of FIN.
    const linger resetOnClose{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &resetOnClose, sizeof resetOnClose);
    qCInfo(lcFakeServer) << "fault reset-mid-body: resetting the connection from port" << m_socket->peerPort();
    m_socket->abort();
}
