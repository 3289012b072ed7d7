#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// One HTTP response before serialization. Content-Length, Date, Server and
// Connection are added by serialize().
struct HttpResponse
{
    int statusCode = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static HttpResponse withoutBody(int statusCode);
    static HttpResponse withBody(int statusCode, const QByteArray& contentType, const QByteArray& body);

    void addHeader(const QByteArray& name, const QByteArray& value);

    // Returns the status line, headers and body as sent on the wire.
    QByteArray serialize(bool closeConnection) const;

    static QByteArray reasonPhrase(int statusCode);
};
