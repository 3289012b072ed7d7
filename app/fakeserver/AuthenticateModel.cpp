#include "AuthenticateModel.h"

#include "JsonModelBinder.h"

QList<ValidationError> AuthenticateModel::bind(const QByteArray& body)
{
    JsonModelBinder binder(body);
    if (!binder.isObject())
        return binder.errors();

    userNameOrEmailAddress =
        binder.requiredString(QStringLiteral("userNameOrEmailAddress"), maxUserNameOrEmailAddressLength);
    password = binder.requiredString(QStringLiteral("password"), maxPasswordLength);
    twoFactorVerificationCode = binder.optionalString(QStringLiteral("twoFactorVerificationCode"));
    rememberClient = binder.optionalBool(QStringLiteral("rememberClient"), false);
    twoFactorRememberClientToken = binder.optionalString(QStringLiteral("twoFactorRememberClientToken"));
    singleSignIn = binder.optionalBool(QStringLiteral("singleSignIn"), true);
    returnUrl = binder.optionalString(QStringLiteral("returnUrl"));
    binder.optionalString(QStringLiteral("captchaResponse"));
    return binder.errors();
}
