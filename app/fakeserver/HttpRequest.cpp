#include "HttpRequest.h"

namespace {

bool connectionHeaderHasToken(const QByteArray& connection, const QByteArray& token)
{
    for (const QByteArray& part : connection.split(',')) {
        if (part.trimmed().toLower() == token)
            return true;
    }
    return false;
}

} // namespace

QByteArray HttpRequest::header(const QByteArray& lowerCaseName) const
{
    for (const auto& header : headers) {
        if (header.first == lowerCaseName)
            return header.second;
    }
    return {};
}

bool HttpRequest::hasHeader(const QByteArray& lowerCaseName) const
{
    for (const auto& header : headers) {
        if (header.first == lowerCaseName)
            return true;
    }
    return false;
}

bool HttpRequest::wantsKeepAlive() const
{
    const QByteArray connection = header("connection");
    if (version == "HTTP/1.0")
        return connectionHeaderHasToken(connection, "keep-alive");
    return !connectionHeaderHasToken(connection, "close");
}
