#pragma once

#include <QJsonValue>

#include <optional>

// Reads a JSON integer or a string of decimal digits as an exact int64. Returns
// std::nullopt for anything else, including fractions and numbers that a double
// would round (beyond +/-2^53 when the parser stored them as double).
std::optional<qint64> readJsonInt64(const QJsonValue& value);
