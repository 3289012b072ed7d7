#include "AuthenticateResultModel.h"

#include <QJsonArray>

namespace {

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject AuthenticateResultModel::toJson() const
{
    const QJsonValue providers = twoFactorAuthProviders.isEmpty()
                                     ? QJsonValue(QJsonValue::Null)
                                     : QJsonValue(QJsonArray::fromStringList(twoFactorAuthProviders));

    return QJsonObject{
        {QStringLiteral("accessToken"), stringOrNull(accessToken)},
        {QStringLiteral("encryptedAccessToken"), stringOrNull(encryptedAccessToken)},
        {QStringLiteral("expireInSeconds"), expireInSeconds},
        {QStringLiteral("shouldResetPassword"), shouldResetPassword},
        {QStringLiteral("passwordResetCode"), stringOrNull(passwordResetCode)},
        {QStringLiteral("userId"), userId},
        {QStringLiteral("requiresTwoFactorVerification"), requiresTwoFactorVerification},
        {QStringLiteral("twoFactorAuthProviders"), providers},
        {QStringLiteral("twoFactorRememberClientToken"), stringOrNull(twoFactorRememberClientToken)},
        {QStringLiteral("returnUrl"), stringOrNull(returnUrl)},
        {QStringLiteral("refreshToken"), stringOrNull(refreshToken)},
        {QStringLiteral("refreshTokenExpireInSeconds"), refreshTokenExpireInSeconds},
        {QStringLiteral("c"), stringOrNull(c)},
    };
}
