#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QObject>

#include <functional>

class QTcpSocket;

// One client connection: parses HTTP/1.1 requests with Content-Length bodies,
// passes them one at a time to the handler and keeps the connection open
// unless the client or an error closes it. Chunked request bodies are rejected
// with 501 because the clients under test always send Content-Length.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

    static constexpr qsizetype maxHeadBytes = 64 * 1024;
    static constexpr qint64 maxBodyBytes = 1024 * 1024;

    // Takes ownership of the socket. A positive responseDelayMs delays every
    // response by that many milliseconds after the handler has produced it.
    HttpConnection(QTcpSocket* socket, RequestHandler handler, int responseDelayMs, QObject* parent = nullptr);

signals:
    // Emitted once per request: when its response is written, or when the client
    // closed the connection while a delayed response was still waiting.
    void exchangeFinished(const QByteArray& method, const QByteArray& path, int statusCode);

private:
    enum class State { ReadingHead, ReadingBody, AwaitingResponse, Closing };

    void readFromSocket();
    void processBuffer();
    bool takeHead();
    bool parseRequestLine(const QByteArray& line);
    bool parseHeaderLines(const QList<QByteArray>& lines);
    bool checkFraming();
    bool takeBody();
    void respond();
    void sendPendingResponse();
    void rejectAndClose(int statusCode, const char* reason);
    void handleDisconnected();

    QTcpSocket* m_socket;
    RequestHandler m_handler;
    int m_responseDelayMs;

    State m_state = State::ReadingHead;
    QByteArray m_buffer;
    HttpRequest m_request;
    qint64 m_bodyBytes = 0;
    HttpResponse m_pendingResponse;
    bool m_closeAfterResponse = false;
};
