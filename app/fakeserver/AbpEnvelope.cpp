#include "AbpEnvelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QByteArray jsonContentType = "application/json; charset=utf-8";

QByteArray toJsonText(const QJsonValue& value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);

    // QJsonDocument holds only objects and arrays, so a scalar is wrapped in an
    // array and unwrapped from "[...]".
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// Writes the keys in the order that ABP's serializer uses, which QJsonObject
// would sort alphabetically.
QByteArray envelope(const QJsonValue& result, bool success, const QJsonValue& error, bool unAuthorizedRequest)
{
    return "{\"result\":" + toJsonText(result) + ",\"targetUrl\":null,\"success\":" + toJsonText(success) +
           ",\"error\":" + toJsonText(error) + ",\"unAuthorizedRequest\":" + toJsonText(unAuthorizedRequest) +
           ",\"__abp\":true}";
}

} // namespace

HttpResponse AbpEnvelope::success(const QJsonValue& result)
{
    return HttpResponse::withBody(200, jsonContentType, envelope(result, true, QJsonValue::Null, false));
}

HttpResponse AbpEnvelope::failure(int statusCode, const QString& message, bool unAuthorizedRequest,
                                  const QList<ValidationError>& validationErrors, const QString& details)
{
    QJsonValue validationErrorsValue = QJsonValue::Null;
    if (!validationErrors.isEmpty()) {
        QJsonArray entries;
        for (const ValidationError& validationError : validationErrors) {
            entries.append(QJsonObject{
                {QStringLiteral("message"), validationError.message},
                {QStringLiteral("members"), QJsonArray::fromStringList(validationError.members)},
            });
        }
        validationErrorsValue = entries;
    }

    const QJsonObject error{
        {QStringLiteral("code"), 0},
        {QStringLiteral("message"), message},
        {QStringLiteral("details"), details.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(details)},
        {QStringLiteral("validationErrors"), validationErrorsValue},
    };
    return HttpResponse::withBody(statusCode, jsonContentType,
                                  envelope(QJsonValue::Null, false, error, unAuthorizedRequest));
}

HttpResponse AbpEnvelope::validationFailure(const QList<ValidationError>& validationErrors)
{
    return failure(400, invalidRequestMessage, false, validationErrors);
}

HttpResponse AbpEnvelope::internalError()
{
    return failure(500, genericErrorMessage);
}
