#pragma once

#include <QString>
#include <QStringList>

// One entry of the ABP error's validationErrors list. members contains camelCase
// request field names such as "password".
struct ValidationError
{
    QString message;
    QStringList members;
};
