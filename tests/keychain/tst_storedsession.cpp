#include "StoredSession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString refreshTokenText = QStringLiteral("refresh-SECRET-4f1c");
const QString accessTokenText = QStringLiteral("access-SECRET-9a2e");

QDateTime utc(const QString &isoText)
{
    return QDateTime::fromString(isoText, Qt::ISODateWithMs);
}

StoredSession sampleSession()
{
    StoredSession session;
    session.server = QUrl(QStringLiteral("https://api.cloud.denvrdata.com"));
    session.userName = QStringLiteral("alice");
    session.userId = 4242;
    session.refreshToken = refreshTokenText;
    session.refreshTokenExpiresAt = utc(QStringLiteral("2026-01-31T12:00:00.250Z"));
    session.accessToken = accessTokenText;
    session.accessTokenExpiresAt = utc(QStringLiteral("2025-02-01T12:00:00.999Z"));
    return session;
}

QJsonObject sampleObject()
{
    return QJsonDocument::fromJson(sampleSession().toJson()).object();
}

QByteArray toBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray sampleWith(const QString &field, const QJsonValue &value)
{
    QJsonObject object = sampleObject();
    object.insert(field, value);
    return toBytes(object);
}

QByteArray sampleWithout(const QString &field)
{
    QJsonObject object = sampleObject();
    object.remove(field);
    return toBytes(object);
}

} // namespace

class tst_StoredSession : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void serverIsStoredAsOrigin();
    void timesAreUtcWithMilliseconds();
    void userIdIsStoredAsString();
    void largeUserIdSurvives_data();
    void largeUserIdSurvives();
    void missingAccessTokenIsAccepted();
    void rejects_data();
    void rejects();
    void refreshTokenValidity_data();
    void refreshTokenValidity();
    void sessionKeyFormat();
    void keysDifferPerServer_data();
    void keysDifferPerServer();
    void keysDifferPerUser();
    void keysIgnoreUserNameCase();
    void keysOfEmailUserNamesStayApart();
    void rememberDeviceKeyDiffersFromSessionKey();
};

void tst_StoredSession::roundTrip()
{
    const StoredSession written = sampleSession();

    QString errorMessage;
    const std::optional<StoredSession> read = StoredSession::fromJson(written.toJson(), &errorMessage);

    QVERIFY2(read, qPrintable(errorMessage));
    QVERIFY(errorMessage.isEmpty());
    QCOMPARE(read->server, written.server);
    QCOMPARE(read->userName, written.userName);
    QCOMPARE(read->userId, written.userId);
    QCOMPARE(read->refreshToken, written.refreshToken);
    QCOMPARE(read->refreshTokenExpiresAt, written.refreshTokenExpiresAt);
    QCOMPARE(read->accessToken, written.accessToken);
    QCOMPARE(read->accessTokenExpiresAt, written.accessTokenExpiresAt);
    QCOMPARE(read->refreshTokenExpiresAt.timeSpec(), Qt::UTC);
}

void tst_StoredSession::serverIsStoredAsOrigin()
{
    StoredSession session = sampleSession();
    session.server = QUrl(QStringLiteral("https://API.Cloud.DenvrData.com:443/"));

    const QJsonObject object = QJsonDocument::fromJson(session.toJson()).object();

    QCOMPARE(object.value(QStringLiteral("server")).toString(), QStringLiteral("https://api.cloud.denvrdata.com"));
}

void tst_StoredSession::timesAreUtcWithMilliseconds()
{
    StoredSession session = sampleSession();
    session.refreshTokenExpiresAt = utc(QStringLiteral("2026-01-31T14:00:00.250+02:00"));

    const QJsonObject object = QJsonDocument::fromJson(session.toJson()).object();

    QCOMPARE(object.value(QStringLiteral("refreshTokenExpiresAt")).toString(),
             QStringLiteral("2026-01-31T12:00:00.250Z"));
    QCOMPARE(object.value(QStringLiteral("accessTokenExpiresAt")).toString(),
             QStringLiteral("2025-02-01T12:00:00.999Z"));
}

void tst_StoredSession::userIdIsStoredAsString()
{
    StoredSession session = sampleSession();
    session.userId = Q_INT64_C(9007199254740993);

    const QJsonObject object = QJsonDocument::fromJson(session.toJson()).object();

    QVERIFY(object.value(QStringLiteral("userId")).isString());
    QCOMPARE(object.value(QStringLiteral("userId")).toString(), QStringLiteral("9007199254740993"));
}

void tst_StoredSession::largeUserIdSurvives_data()
{
    QTest::addColumn<QByteArray>("json");

    // 2^53 + 1 is the smallest positive integer that a double cannot hold.
    StoredSession session = sampleSession();
    session.userId = Q_INT64_C(9007199254740993);
    QTest::newRow("written by toJson") << session.toJson();

    QByteArray asNumber = sampleWithout(QStringLiteral("userId"));
    asNumber.replace("\"version\":1", "\"version\":1,\"userId\":9007199254740993");
    QTest::newRow("JSON number") << asNumber;
}

void tst_StoredSession::largeUserIdSurvives()
{
    QFETCH(QByteArray, json);

    QString errorMessage;
    const std::optional<StoredSession> read = StoredSession::fromJson(json, &errorMessage);

    QVERIFY2(read, qPrintable(errorMessage));
    QCOMPARE(read->userId, Q_INT64_C(9007199254740993));
}

void tst_StoredSession::missingAccessTokenIsAccepted()
{
    StoredSession session = sampleSession();
    session.accessToken.clear();
    session.accessTokenExpiresAt = QDateTime();

    QString errorMessage;
    const std::optional<StoredSession> read = StoredSession::fromJson(session.toJson(), &errorMessage);

    QVERIFY2(read, qPrintable(errorMessage));
    QVERIFY(read->accessToken.isEmpty());
    QVERIFY(!read->accessTokenExpiresAt.isValid());
}

void tst_StoredSession::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedMessage");

    const QString version = QStringLiteral("version");
    const QString server = QStringLiteral("server");
    const QString userName = QStringLiteral("userName");
    const QString userId = QStringLiteral("userId");
    const QString refreshToken = QStringLiteral("refreshToken");
    const QString refreshExpiry = QStringLiteral("refreshTokenExpiresAt");
    const QString accessExpiry = QStringLiteral("accessTokenExpiresAt");

    QTest::newRow("empty bytes") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("not JSON") << QByteArray("refreshToken=abc") << QStringLiteral("not valid JSON");
    QTest::newRow("truncated JSON") << sampleSession().toJson().left(90) << QStringLiteral("not valid JSON");
    QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("not a JSON object");
    QTest::newRow("version missing") << sampleWithout(version) << QStringLiteral("no format version");
    QTest::newRow("version 2") << sampleWith(version, 2) << QStringLiteral("unknown format version 2");
    QTest::newRow("version 0") << sampleWith(version, 0) << QStringLiteral("unknown format version 0");
    QTest::newRow("server missing") << sampleWithout(server) << QStringLiteral("no server address");
    QTest::newRow("server empty") << sampleWith(server, QString()) << QStringLiteral("no server address");
    QTest::newRow("server without host")
        << sampleWith(server, QStringLiteral("not a url")) << QStringLiteral("invalid server address");
    QTest::newRow("userName missing") << sampleWithout(userName) << QStringLiteral("no user name");
    QTest::newRow("userName empty") << sampleWith(userName, QString()) << QStringLiteral("no user name");
    QTest::newRow("userId missing") << sampleWithout(userId) << QStringLiteral("no userId");
    QTest::newRow("userId text") << sampleWith(userId, QStringLiteral("abc")) << QStringLiteral("invalid userId");
    QTest::newRow("userId fraction") << sampleWith(userId, 1.5) << QStringLiteral("invalid userId");
    QTest::newRow("userId boolean") << sampleWith(userId, true) << QStringLiteral("invalid userId");
    QTest::newRow("refreshToken missing") << sampleWithout(refreshToken) << QStringLiteral("no refresh token");
    QTest::newRow("refreshToken empty") << sampleWith(refreshToken, QString()) << QStringLiteral("no refresh token");
    QTest::newRow("refreshToken number") << sampleWith(refreshToken, 12345) << QStringLiteral("no refresh token");
    QTest::newRow("refresh expiry missing")
        << sampleWithout(refreshExpiry) << QStringLiteral("no refreshTokenExpiresAt");
    QTest::newRow("refresh expiry unparseable")
        << sampleWith(refreshExpiry, QStringLiteral("tomorrow")) << QStringLiteral("invalid refreshTokenExpiresAt");
    QTest::newRow("refresh expiry month 13")
        << sampleWith(refreshExpiry, QStringLiteral("2026-13-01T00:00:00.000Z"))
        << QStringLiteral("invalid refreshTokenExpiresAt");
    QTest::newRow("access expiry unparseable")
        << sampleWith(accessExpiry, QStringLiteral("soon")) << QStringLiteral("invalid accessTokenExpiresAt");
}

void tst_StoredSession::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedMessage);

    QString errorMessage;
    const std::optional<StoredSession> read = StoredSession::fromJson(json, &errorMessage);

    QVERIFY(!read);
    QVERIFY2(errorMessage.contains(expectedMessage), qPrintable(errorMessage));
    QVERIFY2(!errorMessage.contains(QLatin1String("SECRET")), qPrintable(errorMessage));
}

void tst_StoredSession::refreshTokenValidity_data()
{
    QTest::addColumn<QString>("refreshToken");
    QTest::addColumn<QDateTime>("expiresAt");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<bool>("valid");

    const QDateTime expiry = utc(QStringLiteral("2026-01-31T12:00:00.000Z"));

    QTest::newRow("one ms before expiry") << refreshTokenText << expiry << expiry.addMSecs(-1) << true;
    QTest::newRow("at expiry") << refreshTokenText << expiry << expiry << false;
    QTest::newRow("after expiry") << refreshTokenText << expiry << expiry.addDays(1) << false;
    QTest::newRow("no expiry") << refreshTokenText << QDateTime() << expiry.addDays(-1) << false;
    QTest::newRow("no token") << QString() << expiry << expiry.addDays(-1) << false;
}

void tst_StoredSession::refreshTokenValidity()
{
    QFETCH(QString, refreshToken);
    QFETCH(QDateTime, expiresAt);
    QFETCH(QDateTime, now);
    QFETCH(bool, valid);

    StoredSession session = sampleSession();
    session.refreshToken = refreshToken;
    session.refreshTokenExpiresAt = expiresAt;

    QCOMPARE(session.isRefreshTokenValidAt(now), valid);
}

void tst_StoredSession::sessionKeyFormat()
{
    const QUrl server(QStringLiteral("https://api.cloud.denvrdata.com"));

    QCOMPARE(StoredSession::sessionKey(server, QStringLiteral("Alice")),
             QStringLiteral("session:alice@https://api.cloud.denvrdata.com"));
    QCOMPARE(StoredSession::rememberDeviceKey(server, QStringLiteral("Alice")),
             QStringLiteral("remember-device:alice@https://api.cloud.denvrdata.com"));
}

void tst_StoredSession::keysDifferPerServer_data()
{
    QTest::addColumn<QUrl>("first");
    QTest::addColumn<QUrl>("second");

    QTest::newRow("production and staging")
        << QUrl(QStringLiteral("https://api.cloud.denvrdata.com"))
        << QUrl(QStringLiteral("https://api.cloud.denvrdata.dev"));
    QTest::newRow("two ports")
        << QUrl(QStringLiteral("http://127.0.0.1:8080")) << QUrl(QStringLiteral("http://127.0.0.1:8081"));
    QTest::newRow("http and https")
        << QUrl(QStringLiteral("http://localhost:8443")) << QUrl(QStringLiteral("https://localhost:8443"));
}

void tst_StoredSession::keysDifferPerServer()
{
    QFETCH(QUrl, first);
    QFETCH(QUrl, second);
    const QString user = QStringLiteral("alice");

    QVERIFY(StoredSession::sessionKey(first, user) != StoredSession::sessionKey(second, user));
    QVERIFY(StoredSession::rememberDeviceKey(first, user) != StoredSession::rememberDeviceKey(second, user));
}

void tst_StoredSession::keysDifferPerUser()
{
    const QUrl server(QStringLiteral("https://api.cloud.denvrdata.com"));

    QVERIFY(StoredSession::sessionKey(server, QStringLiteral("alice"))
            != StoredSession::sessionKey(server, QStringLiteral("bob")));
    QVERIFY(StoredSession::rememberDeviceKey(server, QStringLiteral("alice"))
            != StoredSession::rememberDeviceKey(server, QStringLiteral("bob")));
}

void tst_StoredSession::keysIgnoreUserNameCase()
{
    const QUrl server(QStringLiteral("https://api.cloud.denvrdata.com"));
    const QUrl serverInCapitals(QStringLiteral("https://API.CLOUD.DENVRDATA.COM/"));

    QCOMPARE(StoredSession::sessionKey(server, QStringLiteral("Alice.Smith")),
             StoredSession::sessionKey(server, QStringLiteral("alice.smith")));
    QCOMPARE(StoredSession::rememberDeviceKey(server, QStringLiteral("ALICE")),
             StoredSession::rememberDeviceKey(server, QStringLiteral("alice")));
    QCOMPARE(StoredSession::sessionKey(serverInCapitals, QStringLiteral("alice")),
             StoredSession::sessionKey(server, QStringLiteral("alice")));
}

void tst_StoredSession::keysOfEmailUserNamesStayApart()
{
    // A user name may contain "@" and ":", but an origin contains no "@", so
    // the last "@" of a key always starts the origin.
    const QUrl plainServer(QStringLiteral("https://example.com"));
    const QUrl portServer(QStringLiteral("https://example.com:8443"));

    QVERIFY(StoredSession::sessionKey(plainServer, QStringLiteral("alice@example.com:8443"))
            != StoredSession::sessionKey(portServer, QStringLiteral("alice@example.com")));
    QVERIFY(StoredSession::sessionKey(portServer, QStringLiteral("alice"))
            != StoredSession::sessionKey(plainServer, QStringLiteral("alice@https://example.com:8443")));
}

void tst_StoredSession::rememberDeviceKeyDiffersFromSessionKey()
{
    const QUrl server(QStringLiteral("https://api.cloud.denvrdata.com"));

    QVERIFY(StoredSession::sessionKey(server, QStringLiteral("alice"))
            != StoredSession::rememberDeviceKey(server, QStringLiteral("alice")));
}

QTEST_GUILESS_MAIN(tst_StoredSession)

#include "tst_storedsession.moc"
