#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The result of a 200 response from Authenticate (AuthenticateResultModel in the
// OpenAPI document). As with the ASP.NET serializer, every property is written,
// and empty strings and an empty provider list are written as null.
struct AuthenticateResultModel
{
    QString accessToken;
    QString encryptedAccessToken;
    qint64 expireInSeconds = 0;
    bool shouldResetPassword = false;
    QString passwordResetCode;
    qint64 userId = 0;
    bool requiresTwoFactorVerification = false;
    QStringList twoFactorAuthProviders;
    QString twoFactorRememberClientToken;
    QString returnUrl;
    QString refreshToken;
    qint64 refreshTokenExpireInSeconds = 0;
    QString c;

    // userId goes in as a JSON integer, which Qt 6 writes with all 64 bits.
    QJsonObject toJson() const;
};
