#include "HttpResponse.h"

#include <QDateTime>
#include <QLocale>

namespace {

// Formats an IMF-fixdate such as "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110),
// with English names whatever the system locale is.
QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace

HttpResponse HttpResponse::withoutBody(int statusCode)
{
    HttpResponse response;
    response.statusCode = statusCode;
    return response;
}

HttpResponse HttpResponse::withBody(int statusCode, const QByteArray& contentType, const QByteArray& body)
{
    HttpResponse response;
    response.statusCode = statusCode;
    response.addHeader("Content-Type", contentType);
    response.body = body;
    return response;
}

void HttpResponse::addHeader(const QByteArray& name, const QByteArray& value)
{
    headers.append({name, value});
}

QByteArray HttpResponse::serialize(bool closeConnection) const
{
    QByteArray wire = "HTTP/1.1 " + QByteArray::number(statusCode) + ' ' + reasonPhrase(statusCode) + "\r\n";
    wire += "Date: " + httpDate() + "\r\n";
    wire += "Server: denvr-fake-server\r\n";
    for (const auto& header : headers)
        wire += header.first + ": " + header.second + "\r\n";
    wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (closeConnection)
        wire += "Connection: close\r\n";
    wire += "\r\n";
    wire += body;
    return wire;
}

QByteArray HttpResponse::reasonPhrase(int statusCode)
{
    switch (statusCode) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}
