#include "ControlRoutes.h"

#include "FakeServerLog.h"
#include "Fault.h"
#include "RequestRouter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QByteArray textContentType = "text/plain; charset=utf-8";
const QByteArray jsonContentType = "application/json";

HttpResponse jsonResponse(const QJsonArray& array)
{
    return HttpResponse::withBody(200, jsonContentType, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

HttpResponse replaceFaults(FaultTable& faults, const HttpRequest& request)
{
    QString errorMessage;
    if (!faults.replace(QString::fromUtf8(request.body), &errorMessage)) {
        qCInfo(lcFakeServer).noquote() << "control: faults unchanged:" << errorMessage;
        return HttpResponse::withBody(400, textContentType, errorMessage.toUtf8() + '\n');
    }

    const QByteArray description = faults.describe();
    qCInfo(lcFakeServer).noquote() << "control: faults set to"
                                   << (description.isEmpty() ? QByteArray("none") : description.trimmed().replace('\n', ", "));
    return HttpResponse::withBody(200, textContentType, description);
}

HttpResponse listFaultResponses(const FaultTable& faults)
{
    QJsonArray responses;
    for (const auto& record : faults.responses()) {
        responses.append(QJsonObject{
            {QStringLiteral("path"), QString::fromLatin1(record->path)},
            {QStringLiteral("kind"), QString::fromLatin1(faultKindName(record->kind))},
            {QStringLiteral("plannedBytes"), record->plannedBytes},
            {QStringLiteral("sentBytes"), record->sentBytes},
        });
    }
    return jsonResponse(responses);
}

HttpResponse listOtherOriginRequests(const FaultTable& faults)
{
    QJsonArray requests;
    for (const RecordedRequest& request : faults.otherOriginRequests()) {
        QJsonArray headers;
        for (const auto& header : request.headers)
            headers.append(QJsonArray{QString::fromLatin1(header.first), QString::fromLatin1(header.second)});

        requests.append(QJsonObject{
            {QStringLiteral("method"), QString::fromLatin1(request.method)},
            {QStringLiteral("target"), QString::fromLatin1(request.target)},
            {QStringLiteral("headers"), headers},
        });
    }
    return jsonResponse(requests);
}

} // namespace

void addControlRoutes(RequestRouter& router, FaultTable& faults)
{
    router.addRoute("GET", "/faults", [&faults](const HttpRequest&) {
        return HttpResponse::withBody(200, textContentType, faults.describe());
    });
    router.addRoute("PUT", "/faults", [&faults](const HttpRequest& request) { return replaceFaults(faults, request); });
    router.addRoute("GET", "/fault-responses", [&faults](const HttpRequest&) { return listFaultResponses(faults); });
    router.addRoute("GET", "/other-origin-requests",
                    [&faults](const HttpRequest&) { return listOtherOriginRequests(faults); });
}

HttpResponse recordOtherOriginRequest(FaultTable& faults, const HttpRequest& request)
{
    RecordedRequest recorded;
    recorded.method = request.method;
    recorded.target = request.query.isEmpty() ? request.path : request.path + '?' + request.query;
    recorded.headers = request.headers;
    faults.recordOtherOriginRequest(recorded);

    // The path is logged without the query, which may carry a refresh token.
    qCInfo(lcFakeServer).noquote() << "other origin received" << request.method << request.path;
    return HttpResponse::withoutBody(404);
}
