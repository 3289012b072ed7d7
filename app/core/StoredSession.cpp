#include "StoredSession.h"

#include "ServerUrl.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

// The JSON entry, format version 1:
//   {"version": 1, "server": "https://api.cloud.denvrdata.com", "userName": "alice",
//    "userId": "9007199254740993", "refreshToken": "...",
//    "refreshTokenExpiresAt": "2026-01-31T12:00:00.000Z",
//    "accessToken": "...", "accessTokenExpiresAt": "2025-02-01T12:00:00.000Z"}
// userId is written as a decimal string because JSON readers that hold numbers
// as doubles lose precision above 2^53. A number is accepted on read too.
// An access token deadline that is not set is written as an empty string.

namespace {

const QString versionField = QStringLiteral("version");
const QString serverField = QStringLiteral("server");
const QString userNameField = QStringLiteral("userName");
const QString userIdField = QStringLiteral("userId");
const QString refreshTokenField = QStringLiteral("refreshToken");
const QString refreshTokenExpiresAtField = QStringLiteral("refreshTokenExpiresAt");
const QString accessTokenField = QStringLiteral("accessToken");
const QString accessTokenExpiresAtField = QStringLiteral("accessTokenExpiresAt");

QString toIsoUtc(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// Reads an ISO 8601 time from field. An empty or missing value leaves *time
// invalid and is accepted only when required is false.
bool readTime(const QJsonObject &object, const QString &field, bool required, QDateTime *time,
              QString *errorMessage)
{
    const QString text = object.value(field).toString();
    if (text.isEmpty()) {
        *time = QDateTime();
        if (!required)
            return true;
        *errorMessage = QCoreApplication::translate("StoredSession", "The stored session has no %1.").arg(field);
        return false;
    }

    // 9999-12-31T23:00:00-05:00 is valid, but in UTC it falls in the year
    // 10000, which toString() writes as an empty string. toJson() would lose it.
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid() || toIsoUtc(parsed).isEmpty()) {
        *errorMessage = QCoreApplication::translate("StoredSession",
                                                    "The stored session has an invalid %1 \"%2\": expected an "
                                                    "ISO 8601 date and time.")
                            .arg(field, text);
        return false;
    }

    *time = parsed.toUTC();
    return true;
}

// Reads userId from a decimal string or, as older writers may have done, from
// a JSON number that contains an integer.
bool readUserId(const QJsonObject &object, qint64 *userId, QString *errorMessage)
{
    const QJsonValue value = object.value(userIdField);
    if (value.isUndefined()) {
        *errorMessage = QCoreApplication::translate("StoredSession", "The stored session has no userId.");
        return false;
    }

    bool ok = false;
    if (value.isString()) {
        *userId = value.toString().toLongLong(&ok);
    } else if (value.isDouble()) {
        // Qt keeps a JSON integer that fits in qint64 as an integer, so
        // toInteger() is exact. It returns its default for a fraction or a
        // value out of range, which two different defaults reveal.
        *userId = value.toInteger(0);
        ok = *userId == value.toInteger(1);
    }

    if (!ok) {
        *errorMessage = QCoreApplication::translate("StoredSession",
                                                    "The stored session has an invalid userId: expected an integer.");
        return false;
    }
    return true;
}

bool readServer(const QJsonObject &object, QUrl *server, QString *errorMessage)
{
    const QString text = object.value(serverField).toString();
    if (text.isEmpty()) {
        *errorMessage = QCoreApplication::translate("StoredSession", "The stored session has no server address.");
        return false;
    }

    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        *errorMessage = QCoreApplication::translate("StoredSession",
                                                    "The stored session has an invalid server address \"%1\".")
                            .arg(text);
        return false;
    }

    *server = url;
    return true;
}

std::optional<QJsonObject> parseObject(const QByteArray &json, QString *errorMessage)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *errorMessage = QCoreApplication::translate("StoredSession",
                                                    "The stored session is not valid JSON: %1 at offset %2.")
                            .arg(parseError.errorString())
                            .arg(parseError.offset);
        return std::nullopt;
    }

    if (!document.isObject()) {
        *errorMessage = QCoreApplication::translate("StoredSession", "The stored session is not a JSON object.");
        return std::nullopt;
    }

    return document.object();
}

bool checkVersion(const QJsonObject &object, QString *errorMessage)
{
    const QJsonValue version = object.value(versionField);
    if (version.isUndefined()) {
        *errorMessage = QCoreApplication::translate("StoredSession", "The stored session has no format version.");
        return false;
    }

    if (version.toInteger(-1) != StoredSession::FormatVersion) {
        *errorMessage = QCoreApplication::translate("StoredSession",
                                                    "The stored session has the unknown format version %1, but "
                                                    "this application reads version %2 only.")
                            .arg(version.toVariant().toString())
                            .arg(StoredSession::FormatVersion);
        return false;
    }
    return true;
}

} // namespace

bool StoredSession::isRefreshTokenValidAt(const QDateTime &nowUtc) const
{
    return !refreshToken.isEmpty() && refreshTokenExpiresAt.isValid() && nowUtc.isValid()
        && nowUtc < refreshTokenExpiresAt;
}

QByteArray StoredSession::toJson() const
{
    QJsonObject object;
    object.insert(versionField, FormatVersion);
    object.insert(serverField, ServerUrl::origin(server));
    object.insert(userNameField, userName);
    object.insert(userIdField, QString::number(userId));
    object.insert(refreshTokenField, refreshToken);
    object.insert(refreshTokenExpiresAtField, toIsoUtc(refreshTokenExpiresAt));
    object.insert(accessTokenField, accessToken);
    object.insert(accessTokenExpiresAtField, toIsoUtc(accessTokenExpiresAt));

    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Error messages name the field that is wrong and may quote the server
// address, a date or the version, but never a token.
std::optional<StoredSession> StoredSession::fromJson(const QByteArray &json, QString *errorMessage)
{
    QString error;
    QString *message = errorMessage ? errorMessage : &error;

    const std::optional<QJsonObject> parsed = parseObject(json, message);
    if (!parsed || !checkVersion(*parsed, message))
        return std::nullopt;
    const QJsonObject &object = *parsed;

    StoredSession session;
    if (!readServer(object, &session.server, message))
        return std::nullopt;

    session.userName = object.value(userNameField).toString();
    if (session.userName.isEmpty()) {
        *message = QCoreApplication::translate("StoredSession", "The stored session has no user name.");
        return std::nullopt;
    }

    session.refreshToken = object.value(refreshTokenField).toString();
    if (session.refreshToken.isEmpty()) {
        *message = QCoreApplication::translate("StoredSession", "The stored session has no refresh token.");
        return std::nullopt;
    }

    if (!readUserId(object, &session.userId, message))
        return std::nullopt;

    if (!readTime(object, refreshTokenExpiresAtField, true, &session.refreshTokenExpiresAt, message))
        return std::nullopt;

    session.accessToken = object.value(accessTokenField).toString();
    if (!readTime(object, accessTokenExpiresAtField, false, &session.accessTokenExpiresAt, message))
        return std::nullopt;

    message->clear();
    return session;
}

// Keys read "session:<user name>@<server origin>", for example
// "session:alice@https://api.cloud.denvrdata.com". The user name is case
// folded because the server matches user names case-insensitively. A server
// origin never contains "@", so the last "@" separates the two parts even
// when the user name is an email address, and no two accounts share a key.
QString StoredSession::sessionKey(const QUrl &server, const QString &userName)
{
    return QStringLiteral("session:%1@%2").arg(userName.toCaseFolded(), ServerUrl::origin(server));
}

QString StoredSession::rememberDeviceKey(const QUrl &server, const QString &userName)
{
    return QStringLiteral("remember-device:%1@%2").arg(userName.toCaseFolded(), ServerUrl::origin(server));
}
