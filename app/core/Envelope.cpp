#include "Envelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

void readValidationErrors(const QJsonArray& validationErrors, Envelope* envelope)
{
    for (const QJsonValue& entry : validationErrors) {
        const QJsonObject validationError = entry.toObject();

        const QString message = validationError.value(QStringLiteral("message")).toString();
        if (!message.isEmpty())
            envelope->validationMessages.append(message);

        const QJsonArray members = validationError.value(QStringLiteral("members")).toArray();
        for (const QJsonValue& member : members) {
            const QString name = member.toString();
            if (!name.isEmpty() && !envelope->validationMembers.contains(name))
                envelope->validationMembers.append(name);
        }
    }
}

} // namespace

std::optional<Envelope> Envelope::parse(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;

    const QJsonObject object = document.object();
    const QJsonValue success = object.value(QStringLiteral("success"));
    if (!success.isBool())
        return std::nullopt;

    Envelope envelope;
    envelope.success = success.toBool();
    envelope.result = object.value(QStringLiteral("result"));
    if (envelope.result.isUndefined())
        envelope.result = QJsonValue(QJsonValue::Null);
    envelope.unAuthorizedRequest = object.value(QStringLiteral("unAuthorizedRequest")).toBool();

    const QJsonObject error = object.value(QStringLiteral("error")).toObject();
    envelope.errorCode = error.value(QStringLiteral("code")).toInt();
    envelope.errorMessage = error.value(QStringLiteral("message")).toString();
    envelope.errorDetails = error.value(QStringLiteral("details")).toString();
    readValidationErrors(error.value(QStringLiteral("validationErrors")).toArray(), &envelope);

    return envelope;
}
