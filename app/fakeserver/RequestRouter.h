#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QList>

#include <functional>

// Maps request paths and methods to handlers. Paths match without regard to case
// and with an optional trailing '/', as ASP.NET Core routing does. An unknown path
// gets 404 and a known path with another method gets 405 with an Allow header,
// both with an empty body.
class RequestRouter
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    void addRoute(const QByteArray& method, const QByteArray& path, Handler handler);

    HttpResponse route(const HttpRequest& request) const;

    // The path as routes and faults compare it: lower case, without a trailing slash.
    static QByteArray normalizedPath(const QByteArray& path);

private:
    struct Route
    {
        QByteArray method;
        QByteArray path;
        Handler handler;
    };

    QList<Route> m_routes;
};
