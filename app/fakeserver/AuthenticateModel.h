#pragma once

#include "ValidationError.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The request body of POST /api/TokenAuth/Authenticate (AuthenticateModel in the
// OpenAPI document). captchaResponse and unknown fields are ignored.
struct AuthenticateModel
{
    static constexpr int maxUserNameOrEmailAddressLength = 256;
    static constexpr int maxPasswordLength = 128;

    QString userNameOrEmailAddress;
    QString password;
    QString twoFactorVerificationCode;
    bool rememberClient = false;
    QString twoFactorRememberClientToken;
    bool singleSignIn = false;
    QString returnUrl;

    // Fills the model from a JSON body and returns the validation errors, or an
    // empty list when the body is valid.
    QList<ValidationError> bind(const QByteArray& body);
};
