#pragma once

#include "Fault.h"
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
    // faults, when not null, may replace the response to an endpoint, and it
    // must outlive the connection.
    HttpConnection(QTcpSocket* socket, RequestHandler handler, int responseDelayMs, FaultTable* faults,
                   QObject* parent = nullptr);

signals:
    // Emitted once per request: when its response is written, when the client
    // closed the connection while a delayed response was still waiting, or when
    // a fault took over the response. fault is the fault kind name, or empty.
    void exchangeFinished(const QByteArray& method, const QByteArray& path, int statusCode, const QByteArray& fault);

private:
    // Faulted: a FaultResponder owns the rest of the connection, and input is ignored.
    enum class State { ReadingHead, ReadingBody, AwaitingResponse, Faulted, Closing };

    void readFromSocket();
    void processBuffer();
    bool takeHead();
    bool parseRequestLine(const QByteArray& line);
    bool parseHeaderLines(const QList<QByteArray>& lines);
    bool checkFraming();
    bool takeBody();
    void respond();
    void sendPendingResponse();
    void startFault(FaultKind kind);
    void rejectAndClose(int statusCode, const char* reason);
    void handleDisconnected();

    QTcpSocket* m_socket;
    RequestHandler m_handler;
    int m_responseDelayMs;
    FaultTable* m_faults;

    State m_state = State::ReadingHead;
    QByteArray m_buffer;
    HttpRequest m_request;
    qint64 m_bodyBytes = 0;
    HttpResponse m_pendingResponse;
    bool m_closeAfterResponse = false;
    QByteArray m_pendingFaultName;   // set while a response-replacing fault's response waits
};
