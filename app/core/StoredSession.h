#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

// The session entry kept in the OS keychain as a JSON secret. It contains the
// refresh token and the last access token with their absolute UTC deadlines,
// never the password.
struct StoredSession
{
    static constexpr int FormatVersion = 1;

    QUrl server;
    QString userName;
    qint64 userId = 0;
    QString refreshToken;
    QDateTime refreshTokenExpiresAt;
    QString accessToken;
    QDateTime accessTokenExpiresAt;

    bool isRefreshTokenValidAt(const QDateTime &nowUtc) const;

    QByteArray toJson() const;

    // Returns nothing and fills *errorMessage when the bytes are not a session
    // entry of a known format version or lack the refresh token.
    static std::optional<StoredSession> fromJson(const QByteArray &json, QString *errorMessage);

    // Keychain keys, one per server and account, so that a second account or a
    // staging server never overwrites another session.
    static QString sessionKey(const QUrl &server, const QString &userName);
    static QString rememberDeviceKey(const QUrl &server, const QString &userName);
};
