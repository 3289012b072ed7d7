#include "ApiError.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

using Kind = ApiError::Kind;

const QList<Kind> allKinds = {
    Kind::None,
    Kind::InvalidCredentials,
    Kind::ValidationFailed,
    Kind::InvalidSecurityCode,
    Kind::PasswordResetRequired,
    Kind::RefreshTokenRejected,
    Kind::Unauthorized,
    Kind::NotFound,
    Kind::ServerFault,
    Kind::Timeout,
    Kind::ConnectionRefused,
    Kind::HostNotFound,
    Kind::NetworkUnreachable,
    Kind::TlsFailure,
    Kind::MalformedResponse,
    Kind::InsecureServer,
    Kind::Cancelled,
    Kind::NotSignedIn,
};

ApiError makeError(Kind kind, int httpStatus = 0, bool hasEnvelope = false, bool certificateRejected = false)
{
    ApiError error;
    error.kind = kind;
    error.httpStatus = httpStatus;
    error.hasEnvelope = hasEnvelope;
    error.certificateRejected = certificateRejected;
    return error;
}

} // namespace

class TestApiError : public QObject
{
    Q_OBJECT

private slots:
    void kindNamesAreKebabCase();
    void kindNamesAreUnique();
    void kindNamesAreStable();
    void isTransient_data();
    void isTransient();
    void userText_data();
    void userText();
};

void TestApiError::kindNamesAreKebabCase()
{
    const QRegularExpression kebab(QStringLiteral("^[a-z]+(-[a-z]+)*$"));

    for (Kind kind : allKinds) {
        const QString name = ApiError::kindName(kind);
        QVERIFY2(kebab.match(name).hasMatch(), qPrintable(name));
    }
}

void TestApiError::kindNamesAreUnique()
{
    QSet<QString> names;
    for (Kind kind : allKinds)
        names.insert(ApiError::kindName(kind));

    QCOMPARE(names.size(), allKinds.size());
}

void TestApiError::kindNamesAreStable()
{
    // Logs and JSON output carry these names, so they must not change.
    QCOMPARE(ApiError::kindName(Kind::InvalidCredentials), QStringLiteral("invalid-credentials"));
    QCOMPARE(ApiError::kindName(Kind::RefreshTokenRejected), QStringLiteral("refresh-token-rejected"));
    QCOMPARE(ApiError::kindName(Kind::TlsFailure), QStringLiteral("tls-failure"));
    QCOMPARE(ApiError::kindName(Kind::MalformedResponse), QStringLiteral("malformed-response"));
}

void TestApiError::isTransient_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<bool>("transient");

    QTest::newRow("none") << makeError(Kind::None) << false;
    QTest::newRow("invalid credentials") << makeError(Kind::InvalidCredentials, 401, true) << false;
    QTest::newRow("validation failed") << makeError(Kind::ValidationFailed, 400, true) << false;
    QTest::newRow("invalid security code") << makeError(Kind::InvalidSecurityCode, 500, true) << false;
    QTest::newRow("password reset required") << makeError(Kind::PasswordResetRequired, 200, true) << false;
    QTest::newRow("refresh token rejected") << makeError(Kind::RefreshTokenRejected, 500, true) << false;
    QTest::newRow("unauthorized") << makeError(Kind::Unauthorized, 401, true) << false;
    QTest::newRow("not found") << makeError(Kind::NotFound, 404) << false;
    QTest::newRow("server fault with envelope") << makeError(Kind::ServerFault, 500, true) << false;
    QTest::newRow("server fault 502 without envelope") << makeError(Kind::ServerFault, 502) << true;
    QTest::newRow("server fault 418 without envelope") << makeError(Kind::ServerFault, 418) << false;
    QTest::newRow("timeout") << makeError(Kind::Timeout) << true;
    QTest::newRow("connection refused") << makeError(Kind::ConnectionRefused) << true;
    QTest::newRow("host not found") << makeError(Kind::HostNotFound) << true;
    QTest::newRow("network unreachable") << makeError(Kind::NetworkUnreachable) << true;
    QTest::newRow("handshake cut") << makeError(Kind::TlsFailure) << true;
    QTest::newRow("certificate rejected") << makeError(Kind::TlsFailure, 0, false, true) << false;
    QTest::newRow("malformed response") << makeError(Kind::MalformedResponse, 200) << true;
    QTest::newRow("insecure server") << makeError(Kind::InsecureServer) << false;
    QTest::newRow("cancelled") << makeError(Kind::Cancelled) << false;
    QTest::newRow("not signed in") << makeError(Kind::NotSignedIn) << false;
}

void TestApiError::isTransient()
{
    QFETCH(ApiError, error);
    QFETCH(bool, transient);

    QCOMPARE(error.isTransient(), transient);
}

void TestApiError::userText_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("details");
    QTest::addColumn<QString>("userText");

    QTest::newRow("message only") << QStringLiteral("Failed.") << QString() << QStringLiteral("Failed.");
    QTest::newRow("message and details") << QStringLiteral("Failed.") << QStringLiteral("Why.")
                                         << QStringLiteral("Failed.\nWhy.");
    QTest::newRow("details repeat message")
        << QStringLiteral("Failed.") << QStringLiteral("Failed.") << QStringLiteral("Failed.");
    QTest::newRow("details only") << QString() << QStringLiteral("Why.") << QStringLiteral("Why.");
}

void TestApiError::userText()
{
    QFETCH(QString, message);
    QFETCH(QString, details);
    QFETCH(QString, userText);

    ApiError error;
    error.kind = Kind::ServerFault;
    error.message = message;
    error.details = details;

    QCOMPARE(error.userText(), userText);
}

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
