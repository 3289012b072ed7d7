#include "SendTwoFactorAuthCodeModel.h"

#include "JsonModelBinder.h"

#include <limits>

QList<ValidationError> SendTwoFactorAuthCodeModel::bind(const QByteArray& body)
{
    JsonModelBinder binder(body);
    if (!binder.isObject())
        return binder.errors();

    userId = binder.requiredPositiveInt64(QStringLiteral("userId"));
    provider = binder.requiredString(QStringLiteral("provider"), std::numeric_limits<int>::max());
    return binder.errors();
}
