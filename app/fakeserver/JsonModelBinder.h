#pragma once

#include "ValidationError.h"

#include <QJsonObject>
#include <QList>

#include <optional>

// Reads fields from a JSON request body and collects validation errors worded like
// ASP.NET Core's data-annotation messages. Field names match case-insensitively,
// as in ASP.NET Core JSON binding. Errors name the member in camelCase and the
// property in PascalCase inside the message ("The Password field is required.").
class JsonModelBinder
{
public:
    explicit JsonModelBinder(const QByteArray& body);

    // False when the body is not a JSON object. Then ASP.NET binds a null model,
    // and ABP reports the validation error "model is null!" for member "model".
    bool isObject() const { return m_isObject; }

    // A missing, null or empty value fails [Required], and a value longer than
    // maxLength fails [MaxLength].
    QString requiredString(const QString& name, int maxLength);
    QString optionalString(const QString& name);
    bool optionalBool(const QString& name, bool nullAllowed);
    // A value outside [1, int64 max] fails [Range(1, long.MaxValue)], as does a missing one.
    qint64 requiredPositiveInt64(const QString& name);

    QList<ValidationError> errors() const;

private:
    QJsonValue value(const QString& name) const;
    void addError(const QString& name, const QString& message);

    QJsonObject m_object;
    bool m_isObject = false;
    QList<ValidationError> m_errors;
};
