#include "HttpConnection.h"

#include "FakeServerLog.h"
#include "FaultResponder.h"

#include <QTcpSocket>
#include <QTimer>

namespace {

// How long a connection keeps reading and discarding after an error response,
// so that closing with unread upload data does not reset the connection before
// the client has read the response.
const int lingerAfterErrorMs = 1000;

bool isTokenCharacter(char character)
{
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9') || QByteArray("!#$%&'*+-.^_`|~").contains(character);
}

bool isToken(const QByteArray& text)
{
    if (text.isEmpty())
        return false;
    for (char character : text) {
        if (!isTokenCharacter(character))
            return false;
    }
    return true;
}

bool isDigits(const QByteArray& text)
{
    if (text.isEmpty())
        return false;
    for (char character : text) {
        if (character < '0' || character > '9')
            return false;
    }
    return true;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket* socket, RequestHandler handler, int responseDelayMs, FaultTable* faults,
                               QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
    , m_responseDelayMs(responseDelayMs)
    , m_faults(faults)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readFromSocket);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::handleDisconnected);

    // Data may have arrived before the signals were connected.
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &HttpConnection::readFromSocket);
}

void HttpConnection::readFromSocket()
{
    const QByteArray received = m_socket->readAll();
    if (m_state == State::Closing || m_state == State::Faulted)
        return;

    m_buffer += received;
    if (m_state == State::ReadingHead || m_state == State::ReadingBody)
        processBuffer();
}

void HttpConnection::processBuffer()
{
    // Responses are sent strictly in request order. Bytes of a next request that arrive
    // early stay in m_buffer until the current response has been sent.
    while (m_state == State::ReadingHead || m_state == State::ReadingBody) {
        if (m_state == State::ReadingHead && !takeHead())
            return;
        if (m_state == State::ReadingBody && !takeBody())
            return;
        respond();
    }
}

bool HttpConnection::takeHead()
{
    // Cleared first so that a rejection below never reports the previous request.
    m_request = HttpRequest();
    m_bodyBytes = 0;

    // RFC 9112 (section 2.2) recommends that a server ignore empty lines before a request line.
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);

    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_buffer.size() > maxHeadBytes)
            rejectAndClose(431, "request head exceeds 64 KiB");
        return false;
    }
    if (headEnd > maxHeadBytes) {
        rejectAndClose(431, "request head exceeds 64 KiB");
        return false;
    }

    const QByteArray head = m_buffer.left(headEnd);
    m_buffer.remove(0, headEnd + 4);

    QList<QByteArray> lines = head.split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    if (!parseRequestLine(lines.takeFirst()) || !parseHeaderLines(lines) || !checkFraming())
        return false;

    // curl sends "Expect: 100-continue" before large bodies and waits for this
    // interim response before it sends the body.
    const bool bodyPending = m_buffer.size() < m_bodyBytes;
    if (bodyPending && m_request.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");

    m_state = State::ReadingBody;
    return true;
}

bool HttpConnection::parseRequestLine(const QByteArray& line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty()) {
        rejectAndClose(400, "malformed request line");
        return false;
    }
    m_request.method = parts.at(0);
    m_request.version = parts.at(2);

    // Strips the scheme and authority of an absolute-form target.
    QByteArray target = parts.at(1);
    const qsizetype schemeEnd = target.indexOf("://");
    if (!target.startsWith('/') && schemeEnd > 0) {
        const qsizetype pathStart = target.indexOf('/', schemeEnd + 3);
        target = pathStart < 0 ? QByteArray("/") : target.mid(pathStart);
    }
    const qsizetype queryStart = target.indexOf('?');
    m_request.path = queryStart < 0 ? target : target.left(queryStart);
    m_request.query = queryStart < 0 ? QByteArray() : target.mid(queryStart + 1);

    if (!m_request.version.startsWith("HTTP/")) {
        rejectAndClose(400, "malformed HTTP version");
        return false;
    }
    if (m_request.version != "HTTP/1.1" && m_request.version != "HTTP/1.0") {
        rejectAndClose(505, "unsupported HTTP version");
        return false;
    }
    if (!m_request.path.startsWith('/') && m_request.path != "*") {
        rejectAndClose(400, "malformed request target");
        return false;
    }
    return true;
}

bool HttpConnection::parseHeaderLines(const QList<QByteArray>& lines)
{
    for (const QByteArray& line : lines) {
        // Line folding (a line starting with white space) is obsolete, and RFC 9112 lets a
        // server reject it with 400. The colon check below does that.
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon))) {
            rejectAndClose(400, "malformed header line");
            return false;
        }
        m_request.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    return true;
}

bool HttpConnection::checkFraming()
{
    if (m_request.version == "HTTP/1.1" && !m_request.hasHeader("host")) {
        rejectAndClose(400, "HTTP/1.1 request without Host header");
        return false;
    }
    if (m_request.hasHeader("transfer-encoding")) {
        rejectAndClose(501,
                       "Transfer-Encoding request bodies are not supported, so the client must send Content-Length");
        return false;
    }

    QByteArray contentLength;
    for (const auto& header : m_request.headers) {
        if (header.first != "content-length")
            continue;
        if (!isDigits(header.second) || (!contentLength.isEmpty() && contentLength != header.second)) {
            rejectAndClose(400, "invalid Content-Length");
            return false;
        }
        contentLength = header.second;
    }
    if (contentLength.isEmpty())
        return true;

    // More than 15 digits would overflow the conversion and is far beyond the limit anyway.
    if (contentLength.size() > 15 || contentLength.toLongLong() > maxBodyBytes) {
        rejectAndClose(413, "request body exceeds 1 MiB");
        return false;
    }
    m_bodyBytes = contentLength.toLongLong();
    return true;
}

bool HttpConnection::takeBody()
{
    if (m_buffer.size() < m_bodyBytes)
        return false;

    m_request.body = m_buffer.left(m_bodyBytes);
    m_buffer.remove(0, m_bodyBytes);
    return true;
}

void HttpConnection::respond()
{
    m_state = State::AwaitingResponse;
    m_pendingResponse = m_handler(m_request);
    m_closeAfterResponse = !m_request.wantsKeepAlive();
    m_pendingFaultName.clear();

    const FaultKind fault = m_faults ? m_faults->faultFor(m_request.path) : FaultKind::None;
    if (isTransportFault(fault)) {
        startFault(fault);
        return;
    }
    if (fault != FaultKind::None) {
        m_pendingResponse = faultyResponse(fault, m_request, m_pendingResponse, m_faults->otherOriginUrl());
        m_pendingFaultName = faultKindName(fault);
    }

    if (m_responseDelayMs > 0)
        QTimer::singleShot(m_responseDelayMs, this, [this] {
            sendPendingResponse();
            processBuffer();
        });
    else
        sendPendingResponse();
}

void HttpConnection::sendPendingResponse()
{
    if (m_state != State::AwaitingResponse)
        return;

    m_socket->write(m_pendingResponse.serialize(m_closeAfterResponse));
    emit exchangeFinished(m_request.method, m_request.path, m_pendingResponse.statusCode, m_pendingFaultName);

    if (m_closeAfterResponse) {
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        return;
    }
    m_state = State::ReadingHead;
}

void HttpConnection::startFault(FaultKind kind)
{
    const QByteArray name = faultKindName(kind);
    qCInfo(lcFakeServer).nospace().noquote() << "fault " << name << " takes over the response to " << m_request.method
                                             << ' ' << m_request.path << " from port " << m_socket->peerPort();

    m_state = State::Faulted;
    m_buffer.clear();
    new FaultResponder(m_socket, kind, m_pendingResponse, m_faults->recordResponse(m_request.path, kind), this);

    // The log shows the status line that the fault sends, and 0 when it sends none.
    int statusCode = m_pendingResponse.statusCode;
    if (kind == FaultKind::NoResponse)
        statusCode = 0;
    else if (kind == FaultKind::HugeBody || kind == FaultKind::HugeBodyUnsized)
        statusCode = 200;
    emit exchangeFinished(m_request.method, m_request.path, statusCode, name);
}

void HttpConnection::rejectAndClose(int statusCode, const char* reason)
{
    const QByteArray method = m_request.method.isEmpty() ? QByteArray("-") : m_request.method;
    const QByteArray path = m_request.path.isEmpty() ? QByteArray("-") : m_request.path;
    qCInfo(lcFakeServer).nospace().noquote() << "rejected " << method << ' ' << path << " from port "
                                             << m_socket->peerPort() << " with " << statusCode << ": " << reason;
    m_state = State::Closing;
    m_buffer.clear();
    m_socket->write(HttpResponse::withoutBody(statusCode).serialize(true));
    emit exchangeFinished(method, path, statusCode, QByteArray());

    QTimer::singleShot(lingerAfterErrorMs, this, [this] { m_socket->disconnectFromHost(); });
}

void HttpConnection::handleDisconnected()
{
    if (m_state == State::AwaitingResponse) {
        qCInfo(lcFakeServer).nospace().noquote()
            << "client closed the connection before the delayed response to " << m_request.method << ' '
            << m_request.path << " was sent (status " << m_pendingResponse.statusCode << ')';
        emit exchangeFinished(m_request.method, m_request.path, m_pendingResponse.statusCode, m_pendingFaultName);
        m_state = State::Closing;
    }
    deleteLater();
}
