#pragma once

#include "ValidationError.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The request body of POST /api/TokenAuth/SendTwoFactorAuthCode:
// {"userId": int64, "provider": "Email"}.
struct SendTwoFactorAuthCodeModel
{
    qint64 userId = 0;
    QString provider;

    // Fills the model from a JSON body and returns the validation errors, or an
    // empty list when the body is valid.
    QList<ValidationError> bind(const QByteArray& body);
};
