#include "ServerUrl.h"

#include <QTest>
#include <QUrlQuery>

class TestServerUrl : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void isLoopback_data();
    void isLoopback();
    void origin_data();
    void origin();
    void passwordResetUrl_data();
    void passwordResetUrl();
    void passwordResetUrlEncodesCode();
};

void TestServerUrl::validate_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("https production") << QString::fromLatin1(ServerUrl::Production) << true;
    QTest::newRow("https staging") << QString::fromLatin1(ServerUrl::Staging) << true;
    QTest::newRow("https any host") << QStringLiteral("https://api.example.com") << true;
    QTest::newRow("https with port and path") << QStringLiteral("https://api.example.com:8443/prefix/") << true;
    QTest::newRow("https upper-case scheme") << QStringLiteral("HTTPS://api.example.com") << true;
    QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << true;
    QTest::newRow("http 127.1.2.3") << QStringLiteral("http://127.1.2.3") << true;
    QTest::newRow("http ::1") << QStringLiteral("http://[::1]:8080") << true;
    QTest::newRow("http localhost") << QStringLiteral("http://localhost:5000") << true;
    QTest::newRow("http LOCALHOST") << QStringLiteral("http://LOCALHOST") << true;
    QTest::newRow("http example.com") << QStringLiteral("http://example.com") << false;
    QTest::newRow("http private address") << QStringLiteral("http://192.168.1.10") << false;
    QTest::newRow("http 128.0.0.1") << QStringLiteral("http://128.0.0.1") << false;
    QTest::newRow("http localhost.example.com") << QStringLiteral("http://localhost.example.com") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://api.example.com") << false;
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("garbage") << QStringLiteral("garbage") << false;
    QTest::newRow("scheme only") << QStringLiteral("https://") << false;
    QTest::newRow("space in host") << QStringLiteral("https://api example.com") << false;
}

void TestServerUrl::validate()
{
    QFETCH(QString, address);
    QFETCH(bool, accepted);

    const QString problem = ServerUrl::validate(QUrl(address));

    QCOMPARE(problem.isEmpty(), accepted);
}

void TestServerUrl::isLoopback_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("loopback");

    QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1") << true;
    QTest::newRow("127.255.255.254") << QStringLiteral("http://127.255.255.254") << true;
    QTest::newRow("::1") << QStringLiteral("http://[::1]") << true;
    QTest::newRow("localhost") << QStringLiteral("http://localhost") << true;
    QTest::newRow("0.0.0.0") << QStringLiteral("http://0.0.0.0") << false;
    QTest::newRow("10.0.0.1") << QStringLiteral("http://10.0.0.1") << false;
    QTest::newRow("name") << QStringLiteral("http://api.example.com") << false;
}

void TestServerUrl::isLoopback()
{
    QFETCH(QString, address);
    QFETCH(bool, loopback);

    QCOMPARE(ServerUrl::isLoopback(QUrl(address)), loopback);
}

void TestServerUrl::origin_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("origin");

    // clang-format off
    QTest::newRow("production") << QStringLiteral("https://api.cloud.denvrdata.com") << QStringLiteral("https://api.cloud.denvrdata.com");
    QTest::newRow("trailing slash") << QStringLiteral("https://api.cloud.denvrdata.com/") << QStringLiteral("https://api.cloud.denvrdata.com");
    QTest::newRow("path and query") << QStringLiteral("https://api.example.com/a/b?x=1#f") << QStringLiteral("https://api.example.com");
    QTest::newRow("upper case") << QStringLiteral("HTTPS://API.Example.COM") << QStringLiteral("https://api.example.com");
    QTest::newRow("default https port") << QStringLiteral("https://api.example.com:443") << QStringLiteral("https://api.example.com");
    QTest::newRow("default http port") << QStringLiteral("http://localhost:80") << QStringLiteral("http://localhost");
    QTest::newRow("other port") << QStringLiteral("http://127.0.0.1:8080/") << QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:8080") << QStringLiteral("http://[::1]:8080");
    QTest::newRow("user info dropped") << QStringLiteral("https://me:secret@api.example.com") << QStringLiteral("https://api.example.com");
    QTest::newRow("empty") << QString() << QString();
    // clang-format on
}

void TestServerUrl::origin()
{
    QFETCH(QString, address);
    QFETCH(QString, origin);

    QCOMPARE(ServerUrl::origin(QUrl(address)), origin);
}

void TestServerUrl::passwordResetUrl_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("opaqueCode");
    QTest::addColumn<qint64>("userId");
    QTest::addColumn<QString>("resetCode");
    QTest::addColumn<QString>("expected");

    // One block per row with the expected URL on its last line, kept by hand.
    // clang-format off
    QTest::newRow("production with c")
        << QStringLiteral("https://api.cloud.denvrdata.com") << QStringLiteral("abc123") << qint64(7) << QString()
        << QStringLiteral("https://console.cloud.denvrdata.com/account/reset-password?c=abc123");
    QTest::newRow("staging with c")
        << QStringLiteral("https://api.cloud.denvrdata.dev/") << QStringLiteral("abc123") << qint64(7) << QString()
        << QStringLiteral("https://console.cloud.denvrdata.dev/account/reset-password?c=abc123");
    QTest::newRow("production with reset code")
        << QStringLiteral("https://api.cloud.denvrdata.com") << QString() << qint64(42) << QStringLiteral("R3SET")
        << QStringLiteral("https://console.cloud.denvrdata.com/account/reset-password?userId=42&resetCode=R3SET");
    QTest::newRow("c wins over reset code")
        << QStringLiteral("https://api.cloud.denvrdata.com") << QStringLiteral("opaque") << qint64(42) << QStringLiteral("R3SET")
        << QStringLiteral("https://console.cloud.denvrdata.com/account/reset-password?c=opaque");
    QTest::newRow("other host uses its own origin")
        << QStringLiteral("http://127.0.0.1:8080/api") << QStringLiteral("xyz") << qint64(1) << QString()
        << QStringLiteral("http://127.0.0.1:8080/account/reset-password?c=xyz");
    QTest::newRow("other https host")
        << QStringLiteral("https://denvr.example.com") << QString() << qint64(9007199254740993) << QStringLiteral("code")
        << QStringLiteral("https://denvr.example.com/account/reset-password?userId=9007199254740993&resetCode=code");
    QTest::newRow("no code at all")
        << QStringLiteral("https://api.cloud.denvrdata.com") << QString() << qint64(0) << QString()
        << QStringLiteral("https://console.cloud.denvrdata.com/account/reset-password");
    // clang-format on
}

void TestServerUrl::passwordResetUrl()
{
    QFETCH(QString, server);
    QFETCH(QString, opaqueCode);
    QFETCH(qint64, userId);
    QFETCH(QString, resetCode);
    QFETCH(QString, expected);

    const QUrl url = ServerUrl::passwordResetUrl(QUrl(server), opaqueCode, userId, resetCode);

    QCOMPARE(url.toString(QUrl::FullyEncoded), expected);
}

void TestServerUrl::passwordResetUrlEncodesCode()
{
    const QString code = QStringLiteral("a+b/c=d&e f");

    const QUrl url = ServerUrl::passwordResetUrl(QUrl(QString::fromLatin1(ServerUrl::Production)), code, 0, QString());

    QCOMPARE(url.query(QUrl::FullyEncoded), QStringLiteral("c=a%2Bb%2Fc%3Dd%26e%20f"));
    QCOMPARE(QUrlQuery(url).queryItemValue(QStringLiteral("c"), QUrl::FullyDecoded), code);
}

QTEST_GUILESS_MAIN(TestServerUrl)
#include "tst_serverurl.moc"
