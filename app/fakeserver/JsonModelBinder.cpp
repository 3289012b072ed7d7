#include "JsonModelBinder.h"

#include "JsonInteger.h"

#include <QJsonDocument>

#include <limits>

namespace {

QString pascalCase(const QString& camelCaseName)
{
    return camelCaseName.left(1).toUpper() + camelCaseName.mid(1);
}

} // namespace

JsonModelBinder::JsonModelBinder(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    m_isObject = parseError.error == QJsonParseError::NoError && document.isObject();
    if (m_isObject)
        m_object = document.object();
}

QString JsonModelBinder::requiredString(const QString& name, int maxLength)
{
    const QJsonValue fieldValue = value(name);
    if (!fieldValue.isUndefined() && !fieldValue.isNull() && !fieldValue.isString()) {
        addError(name, QStringLiteral("The field %1 must be a string.").arg(pascalCase(name)));
        return {};
    }

    const QString text = fieldValue.toString();
    if (text.isEmpty()) {
        addError(name, QStringLiteral("The %1 field is required.").arg(pascalCase(name)));
        return {};
    }
    if (text.size() > maxLength) {
        addError(name, QStringLiteral("The field %1 must be a string or array type with a maximum length of '%2'.")
                           .arg(pascalCase(name))
                           .arg(maxLength));
        return {};
    }
    return text;
}

QString JsonModelBinder::optionalString(const QString& name)
{
    const QJsonValue fieldValue = value(name);
    if (!fieldValue.isUndefined() && !fieldValue.isNull() && !fieldValue.isString()) {
        addError(name, QStringLiteral("The field %1 must be a string.").arg(pascalCase(name)));
        return {};
    }
    return fieldValue.toString();
}

bool JsonModelBinder::optionalBool(const QString& name, bool nullAllowed)
{
    const QJsonValue fieldValue = value(name);
    if (fieldValue.isUndefined() || (nullAllowed && fieldValue.isNull()))
        return false;
    if (!fieldValue.isBool()) {
        addError(name, QStringLiteral("The field %1 must be true or false.").arg(pascalCase(name)));
        return false;
    }
    return fieldValue.toBool();
}

qint64 JsonModelBinder::requiredPositiveInt64(const QString& name)
{
    const auto number = readJsonInt64(value(name));
    if (!number || *number < 1) {
        addError(name, QStringLiteral("The field %1 must be between 1 and %2.")
                           .arg(pascalCase(name))
                           .arg(std::numeric_limits<qint64>::max()));
        return 0;
    }
    return *number;
}

QList<ValidationError> JsonModelBinder::errors() const
{
    if (!m_isObject)
        return {ValidationError{QStringLiteral("model is null!"), {QStringLiteral("model")}}};
    return m_errors;
}

QJsonValue JsonModelBinder::value(const QString& name) const
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

void JsonModelBinder::addError(const QString& name, const QString& message)
{
    m_errors.append(ValidationError{message, {name}});
}
