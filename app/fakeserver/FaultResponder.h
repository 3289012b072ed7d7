#pragma once

#include "Fault.h"
#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QTcpSocket;

// Returns the response that a response-replacing fault (isTransportFault() is
// false) sends in place of normalResponse.
HttpResponse faultyResponse(FaultKind kind, const HttpRequest& request, const HttpResponse& normalResponse,
                            const QByteArray& otherOriginUrl);

// Carries out a transport fault on a connection: writes the bytes the fault
// allows, then stalls, closes or resets the connection. The socket stays owned
// by the caller, which must ignore further input. The responder stops when the
// socket disconnects. Every byte handed to the socket is added to record.
class FaultResponder : public QObject
{
    Q_OBJECT

public:
    FaultResponder(QTcpSocket* socket, FaultKind kind, const HttpResponse& response,
                   std::shared_ptr<FaultResponseRecord> record, QObject* parent = nullptr);

private:
    void start();
    void writeBytes(const QByteArray& bytes);
    void writeNextDripByte();
    void writeNextHugeChunk();
    void resetConnection();

    QTcpSocket* m_socket;
    FaultKind m_kind;
    QByteArray m_head;
    QByteArray m_body;
    qint64 m_bodyOffset = 0;
    std::shared_ptr<FaultResponseRecord> m_record;
    QTimer m_pacingTimer;   // drives drip and the huge bodies
};
