#include "JsonInteger.h"

#include <QMetaType>
#include <QVariant>

#include <cmath>

std::optional<qint64> readJsonInt64(const QJsonValue& value)
{
    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().toLongLong(&ok);
        return ok ? std::optional<qint64>(parsed) : std::nullopt;
    }
    if (!value.isDouble())
        return std::nullopt;

    // Qt 6 stores an integer literal that fits in int64 as an integer, so its
    // variant is LongLong and toInteger() is exact (checked with 9007199254740993).
    if (value.toVariant().typeId() == QMetaType::LongLong)
        return value.toInteger();

    // A double is exact only while it is integral and within 2^53.
    const double number = value.toDouble();
    const double exactLimit = 9007199254740992.0;
    if (std::trunc(number) != number || std::fabs(number) > exactLimit)
        return std::nullopt;
    return qint64(number);
}
