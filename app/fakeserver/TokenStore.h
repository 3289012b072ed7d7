#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

// Whether a presented token is usable, and if not, why. Only the log uses the
// reason, because the API responds the same way to every unusable token.
enum class TokenStatus { Valid, Unknown, Expired, Revoked };

const char* tokenStatusName(TokenStatus status);

enum class TokenKind { Access, Refresh, RememberClient };

// Access, refresh and remember-client tokens that this server issued. It keeps only
// the SHA-256 of each token, so neither memory dumps nor the --state file contain
// a usable token. With a state path, every change is saved atomically.
class TokenStore
{
public:
    struct SignInTokens
    {
        QString accessToken;
        QString refreshToken;
    };

    // An empty statePath keeps the tokens in memory only.
    explicit TokenStore(const QString& statePath);

    // Loads the state file when there is one. A missing file is an empty store.
    // Returns false and sets errorMessage when the file is unreadable or invalid.
    bool load(QString* errorMessage);

    // Replaces the tokens with those of a state file's contents, as load() does
    // after reading the file. Returns false, keeping the tokens, and sets
    // errorMessage when the contents are invalid.
    bool parseState(const QByteArray& json, QString* errorMessage);

    int count() const;

    SignInTokens issueSignInTokens(qint64 userId, qint64 accessSeconds, qint64 refreshSeconds);
    QString issueRememberClientToken(qint64 userId, qint64 seconds);

    TokenStatus checkRefreshToken(const QString& refreshToken, qint64* userId) const;

    // Issues a new access token tied to a refresh token that checkRefreshToken
    // accepted. The refresh token itself is not rotated.
    QString issueAccessToken(const QString& refreshToken, qint64 userId, qint64 accessSeconds);

    TokenStatus checkAccessToken(const QString& accessToken, qint64* userId) const;
    bool isRememberClientTokenValidFor(const QString& rememberToken, qint64 userId) const;

    // Revokes an access token, its refresh token and every other access token
    // issued from that refresh token. Remember-client tokens stay valid.
    void revokeSession(const QString& accessToken);

private:
    struct Record
    {
        TokenKind kind = TokenKind::Access;
        qint64 userId = 0;
        QDateTime expiresAt;
        bool revoked = false;
        QByteArray refreshTokenHash; // access tokens only: the refresh token they came from
    };

    static QByteArray hashToken(const QString& token);
    QString issue(TokenKind kind, qint64 userId, qint64 seconds, const QByteArray& refreshTokenHash);
    TokenStatus check(const QString& token, TokenKind kind, qint64* userId) const;
    // Drops expired tokens and writes the state file, if there is one. On failure it
    // sets errorMessage, or logs a warning when errorMessage is null.
    bool save(QString* errorMessage = nullptr);

    QString m_statePath;
    QHash<QByteArray, Record> m_records; // key: hex SHA-256 of the token
};
