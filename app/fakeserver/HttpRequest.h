#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// One parsed HTTP/1.x request.
struct HttpRequest
{
    QByteArray method;
    QByteArray path;  // the request target before '?', still percent-encoded
    QByteArray query; // the request target after '?', still percent-encoded
    QByteArray version;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case, values trimmed
    QByteArray body;

    // Returns the first value of a header, or an empty array. lowerCaseName must be lower case.
    QByteArray header(const QByteArray& lowerCaseName) const;
    bool hasHeader(const QByteArray& lowerCaseName) const;

    // Returns whether the client asked to keep the connection open, from the
    // version default and the Connection header.
    bool wantsKeepAlive() const;
};
