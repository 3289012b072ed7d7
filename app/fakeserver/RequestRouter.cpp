#include "RequestRouter.h"

#include "FakeServerLog.h"

QByteArray RequestRouter::normalizedPath(const QByteArray& path)
{
    QByteArray normalized = path.toLower();
    if (normalized.size() > 1 && normalized.endsWith('/'))
        normalized.chop(1);
    return normalized;
}

void RequestRouter::addRoute(const QByteArray& method, const QByteArray& path, Handler handler)
{
    m_routes.append(Route{method, normalizedPath(path), std::move(handler)});
}

HttpResponse RequestRouter::route(const HttpRequest& request) const
{
    const QByteArray path = normalizedPath(request.path);

    QList<QByteArray> allowedMethods;
    for (const Route& route : m_routes) {
        if (route.path != path)
            continue;
        if (route.method == request.method)
            return route.handler(request);
        allowedMethods.append(route.method);
    }

    if (allowedMethods.isEmpty()) {
        qCInfo(lcFakeServer).noquote() << "rejected" << request.method << request.path << "with 404: no such path";
        return HttpResponse::withoutBody(404);
    }

    qCInfo(lcFakeServer).noquote() << "rejected" << request.method << request.path << "with 405: the path allows only"
                                   << allowedMethods.join(", ");
    HttpResponse response = HttpResponse::withoutBody(405);
    response.addHeader("Allow", allowedMethods.join(", "));
    return response;
}
