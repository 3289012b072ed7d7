#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

// Typed results of the TokenAuth endpoints. Deadlines are absolute UTC times:
// the arrival time of the reply plus the lifetime the server sent.

struct TokenGrant
{
    QString accessToken;
    QDateTime accessTokenExpiresAt;
    int accessTokenLifetimeSeconds = 0;
    QString refreshToken;
    QDateTime refreshTokenExpiresAt;
    int refreshTokenLifetimeSeconds = 0;
    qint64 userId = 0;
    QString twoFactorRememberClientToken;   // empty unless the server issued one
};

struct TwoFactorChallenge
{
    qint64 userId = 0;
    QStringList providers;                  // e.g. "Email", "Phone", "GoogleAuthenticator"
};

struct AuthenticateResult
{
    enum class Kind { Tokens, TwoFactorRequired };

    Kind kind = Kind::Tokens;
    TokenGrant tokens;                      // valid when kind == Tokens
    TwoFactorChallenge challenge;           // valid when kind == TwoFactorRequired
};

struct RefreshResult
{
    QString accessToken;
    QDateTime accessTokenExpiresAt;
    int accessTokenLifetimeSeconds = 0;
};

Q_DECLARE_METATYPE(TokenGrant)
Q_DECLARE_METATYPE(TwoFactorChallenge)
Q_DECLARE_METATYPE(AuthenticateResult)
Q_DECLARE_METATYPE(RefreshResult)
