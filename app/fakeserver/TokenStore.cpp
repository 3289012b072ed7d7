#include "TokenStore.h"

#include "FakeServerLog.h"
#include "JsonInteger.h"
#include "TokenGenerator.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <optional>

namespace {

QString tokenKindName(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Access:
        return QStringLiteral("access");
    case TokenKind::Refresh:
        return QStringLiteral("refresh");
    case TokenKind::RememberClient:
        return QStringLiteral("rememberClient");
    }
    return {};
}

std::optional<TokenKind> parseTokenKind(const QString& name)
{
    for (TokenKind kind : {TokenKind::Access, TokenKind::Refresh, TokenKind::RememberClient}) {
        if (name == tokenKindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace

const char* tokenStatusName(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Valid:
        return "valid";
    case TokenStatus::Unknown:
        return "unknown";
    case TokenStatus::Expired:
        return "expired";
    case TokenStatus::Revoked:
        return "revoked";
    }
    return "unknown";
}

TokenStore::TokenStore(const QString& statePath)
    : m_statePath(statePath)
{}

bool TokenStore::load(QString* errorMessage)
{
    if (m_statePath.isEmpty())
        return true;

    // Writing the empty store at once turns a state path in a missing or
    // read-only directory into a start-up error instead of a warning per request.
    if (!QFile::exists(m_statePath)) {
        QString saveError;
        if (!save(&saveError)) {
            *errorMessage = QStringLiteral("cannot write state file '%1': %2. Pass a --state path in a writable "
                                           "directory.")
                                .arg(m_statePath, saveError);
            return false;
        }
        return true;
    }

    QFile file(m_statePath);
    if (!file.open(QIODevice::ReadOnly)) {
        *errorMessage = QStringLiteral("cannot read state file '%1': %2. Fix its permissions or pass another --state.")
                            .arg(m_statePath, file.errorString());
        return false;
    }

    return parseState(file.readAll(), errorMessage);
}

bool TokenStore::parseState(const QByteArray& json, QString* errorMessage)
{
    const QString invalidMessage =
        QStringLiteral("invalid state file '%1': %2. Delete it to start with no issued tokens.");
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        !document.object().value(QStringLiteral("tokens")).isArray()) {
        *errorMessage = invalidMessage.arg(m_statePath, QStringLiteral("expected {\"tokens\": [...]}"));
        return false;
    }

    QHash<QByteArray, Record> records;
    const QJsonArray tokens = document.object().value(QStringLiteral("tokens")).toArray();
    for (qsizetype index = 0; index < tokens.size(); ++index) {
        const QJsonObject entry = tokens.at(index).toObject();
        const auto kind = parseTokenKind(entry.value(QStringLiteral("kind")).toString());
        const QByteArray hash = entry.value(QStringLiteral("sha256")).toString().toLatin1();
        const auto userId = readJsonInt64(entry.value(QStringLiteral("userId")));

        Record record;
        record.expiresAt =
            QDateTime::fromString(entry.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
        record.revoked = entry.value(QStringLiteral("revoked")).toBool();
        record.refreshTokenHash = entry.value(QStringLiteral("refreshSha256")).toString().toLatin1();

        if (!kind || hash.isEmpty() || !userId || !record.expiresAt.isValid()) {
            *errorMessage = invalidMessage.arg(m_statePath, QStringLiteral("tokens[%1] is incomplete").arg(index));
            return false;
        }
        record.kind = *kind;
        record.userId = *userId;
        records.insert(hash, record);
    }

    m_records = records;
    return true;
}

int TokenStore::count() const
{
    return int(m_records.size());
}

TokenStore::SignInTokens TokenStore::issueSignInTokens(qint64 userId, qint64 accessSeconds, qint64 refreshSeconds)
{
    SignInTokens tokens;
    tokens.refreshToken = issue(TokenKind::Refresh, userId, refreshSeconds, {});
    tokens.accessToken = issue(TokenKind::Access, userId, accessSeconds, hashToken(tokens.refreshToken));
    save();
    return tokens;
}

QString TokenStore::issueRememberClientToken(qint64 userId, qint64 seconds)
{
    const QString token = issue(TokenKind::RememberClient, userId, seconds, {});
    save();
    return token;
}

TokenStatus TokenStore::checkRefreshToken(const QString& refreshToken, qint64* userId) const
{
    return check(refreshToken, TokenKind::Refresh, userId);
}

QString TokenStore::issueAccessToken(const QString& refreshToken, qint64 userId, qint64 accessSeconds)
{
    const QString accessToken = issue(TokenKind::Access, userId, accessSeconds, hashToken(refreshToken));
    save();
    return accessToken;
}

TokenStatus TokenStore::checkAccessToken(const QString& accessToken, qint64* userId) const
{
    return check(accessToken, TokenKind::Access, userId);
}

bool TokenStore::isRememberClientTokenValidFor(const QString& rememberToken, qint64 userId) const
{
    qint64 ownerId = 0;
    return check(rememberToken, TokenKind::RememberClient, &ownerId) == TokenStatus::Valid && ownerId == userId;
}

void TokenStore::revokeSession(const QString& accessToken)
{
    const auto accessIt = m_records.find(hashToken(accessToken));
    if (accessIt == m_records.end() || accessIt->kind != TokenKind::Access)
        return;

    const QByteArray refreshTokenHash = accessIt->refreshTokenHash;
    accessIt->revoked = true;
    for (auto it = m_records.begin(); it != m_records.end(); ++it) {
        const bool isTheRefreshToken = it->kind == TokenKind::Refresh && it.key() == refreshTokenHash;
        const bool isSiblingAccessToken = it->kind == TokenKind::Access && it->refreshTokenHash == refreshTokenHash;
        if (isTheRefreshToken || isSiblingAccessToken)
            it->revoked = true;
    }
    save();
}

QByteArray TokenStore::hashToken(const QString& token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

QString TokenStore::issue(TokenKind kind, qint64 userId, qint64 seconds, const QByteArray& refreshTokenHash)
{
    const QString token = generateOpaqueToken();

    Record record;
    record.kind = kind;
    record.userId = userId;
    record.expiresAt = QDateTime::currentDateTimeUtc().addSecs(seconds);
    record.refreshTokenHash = refreshTokenHash;
    m_records.insert(hashToken(token), record);
    return token;
}

TokenStatus TokenStore::check(const QString& token, TokenKind kind, qint64* userId) const
{
    const auto it = m_records.constFind(hashToken(token));
    if (it == m_records.constEnd() || it->kind != kind)
        return TokenStatus::Unknown;

    *userId = it->userId;
    if (it->revoked)
        return TokenStatus::Revoked;

    // No clock skew is allowed: a token is dead from the instant it expires.
    if (QDateTime::currentDateTimeUtc() >= it->expiresAt)
        return TokenStatus::Expired;
    return TokenStatus::Valid;
}

bool TokenStore::save(QString* errorMessage)
{
    // Expired tokens are rejected either way, so dropping them keeps the file small
    // without changing any response.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_records.begin(); it != m_records.end();) {
        if (now >= it->expiresAt)
            it = m_records.erase(it);
        else
            ++it;
    }

    if (m_statePath.isEmpty())
        return true;

    QJsonArray tokens;
    for (auto it = m_records.constBegin(); it != m_records.constEnd(); ++it) {
        QJsonObject entry;
        entry.insert(QStringLiteral("sha256"), QString::fromLatin1(it.key()));
        entry.insert(QStringLiteral("kind"), tokenKindName(it->kind));
        entry.insert(QStringLiteral("userId"), it->userId);
        entry.insert(QStringLiteral("expiresAt"), it->expiresAt.toString(Qt::ISODateWithMs));
        entry.insert(QStringLiteral("revoked"), it->revoked);
        if (it->kind == TokenKind::Access)
            entry.insert(QStringLiteral("refreshSha256"), QString::fromLatin1(it->refreshTokenHash));
        tokens.append(entry);
    }
    const QJsonObject root{{QStringLiteral("tokens"), tokens}};

    QSaveFile file(m_statePath);
    const bool saved = file.open(QIODevice::WriteOnly) &&
                       file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) >= 0 && file.commit();
    if (saved)
        return true;

    if (errorMessage)
        *errorMessage = file.errorString();
    else
        qCWarning(lcFakeServer).noquote() << "failed to save state file" << m_statePath << ":" << file.errorString();
    return false;
}
