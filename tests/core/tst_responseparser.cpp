#include "ApiCall.h"
#include "Envelope.h"
#include "ResponseParser.h"

#include <QTest>

namespace {

using Kind = ApiError::Kind;
using Endpoint = ApiCall::Endpoint;

const QDateTime receivedAt(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
const QByteArray json = QByteArrayLiteral("application/json; charset=utf-8");

// What QNetworkReply::errorString() would return. Only transport failures pass it on as details.
const QString qtErrorText = QStringLiteral("error text from Qt");

QByteArray successEnvelope(const QByteArray& result)
{
    return R"({"result":)" + result +
           R"(,"targetUrl":null,"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true})";
}

// An ABP failure envelope. details and validationErrors are raw JSON, so "null" leaves them out.
QByteArray errorEnvelope(const QByteArray& message, const QByteArray& details = "null",
                         const QByteArray& validationErrors = "null", bool unAuthorizedRequest = false)
{
    return R"({"result":null,"targetUrl":null,"success":false,"error":{"code":0,"message":")" + message +
           R"(","details":)" + details + R"(,"validationErrors":)" + validationErrors + R"(},"unAuthorizedRequest":)" +
           (unAuthorizedRequest ? "true" : "false") + R"(,"__abp":true})";
}

QByteArray tokenResult(const QByteArray& fields)
{
    return successEnvelope("{" + fields + "}");
}

const QByteArray plainTokens = R"("accessToken":"access-1","encryptedAccessToken":"enc","expireInSeconds":3600,)"
                               R"("refreshToken":"refresh-1","refreshTokenExpireInSeconds":86400,"userId":42,)"
                               R"("shouldResetPassword":false,"requiresTwoFactorVerification":false)";

HttpReply makeReply(int status, const QByteArray& contentType, const QByteArray& body,
                    QNetworkReply::NetworkError networkError = QNetworkReply::NoError,
                    const QString& networkErrorString = {})
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = contentType;
    reply.body = body;
    reply.networkError = networkError;
    reply.networkErrorString = networkErrorString;
    reply.receivedAt = receivedAt;
    reply.serverUrl = QUrl(QStringLiteral("https://api.example.com"));
    return reply;
}

ApiError parse(Endpoint endpoint, const HttpReply& reply)
{
    AuthenticateResult authenticateResult;
    RefreshResult refreshResult;

    switch (endpoint) {
    case Endpoint::Authenticate:
        return ResponseParser::parseAuthenticate(reply, &authenticateResult);
    case Endpoint::SendTwoFactorCode:
        return ResponseParser::parseSendTwoFactorCode(reply);
    case Endpoint::RefreshToken:
        return ResponseParser::parseRefreshToken(reply, &refreshResult);
    case Endpoint::LogOut:
        return ResponseParser::parseEmptyResult(reply);
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(ApiError::Kind)

class TestResponseParser : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data();
    void tokens();
    void userIdAbove2Pow53();
    void twoFactorChallenge();
    void passwordReset_data();
    void passwordReset();
    void refreshResult();
    void emptyResult_data();
    void emptyResult();
    void errors_data();
    void errors();
    void envelopeValidationMembers();
};

void TestResponseParser::tokens_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("accessToken");
    QTest::addColumn<QString>("refreshToken");
    QTest::addColumn<int>("accessSeconds");
    QTest::addColumn<int>("refreshSeconds");
    QTest::addColumn<QString>("rememberToken");

    // One block per row with the expected values on its last line, kept by hand.
    // clang-format off
    QTest::newRow("tokens")
        << json << tokenResult(plainTokens)
        << QStringLiteral("access-1") << QStringLiteral("refresh-1") << 3600 << 86400 << QString();
    QTest::newRow("tokens with remember token")
        << json << tokenResult(plainTokens + R"(,"twoFactorRememberClientToken":"remember.jwt.sig")")
        << QStringLiteral("access-1") << QStringLiteral("refresh-1") << 3600 << 86400 << QStringLiteral("remember.jwt.sig");
    QTest::newRow("tokens containing +/=")
        << json
        << tokenResult(R"("accessToken":"a+b/c==","expireInSeconds":60,"refreshToken":"r+/=x==","refreshTokenExpireInSeconds":600,"userId":1)")
        << QStringLiteral("a+b/c==") << QStringLiteral("r+/=x==") << 60 << 600 << QString();
    QTest::newRow("null remember token")
        << json << tokenResult(plainTokens + R"(,"twoFactorRememberClientToken":null)")
        << QStringLiteral("access-1") << QStringLiteral("refresh-1") << 3600 << 86400 << QString();
    QTest::newRow("text/json")
        << QByteArrayLiteral("text/json") << tokenResult(plainTokens)
        << QStringLiteral("access-1") << QStringLiteral("refresh-1") << 3600 << 86400 << QString();
    QTest::newRow("text/plain")
        << QByteArrayLiteral("text/plain; charset=utf-8") << tokenResult(plainTokens)
        << QStringLiteral("access-1") << QStringLiteral("refresh-1") << 3600 << 86400 << QString();
    QTest::newRow("application/*+json")
        << QByteArrayLiteral("application/vnd.abp+json") << tokenResult(plainTokens)
        << QStringLiteral("access-1") << QStringLiteral("refresh-1") << 3600 << 86400 << QString();
    QTest::newRow("no content type")
        << QByteArray() << tokenResult(plainTokens)
        << QStringLiteral("access-1") << QStringLiteral("refresh-1") << 3600 << 86400 << QString();
    // clang-format on
}

void TestResponseParser::tokens()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, accessToken);
    QFETCH(QString, refreshToken);
    QFETCH(int, accessSeconds);
    QFETCH(int, refreshSeconds);
    QFETCH(QString, rememberToken);

    AuthenticateResult result;
    const ApiError error = ResponseParser::parseAuthenticate(makeReply(200, contentType, body), &result);

    QCOMPARE(ApiError::kindName(error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(result.kind, AuthenticateResult::Kind::Tokens);
    QCOMPARE(result.tokens.accessToken, accessToken);
    QCOMPARE(result.tokens.refreshToken, refreshToken);
    QCOMPARE(result.tokens.accessTokenLifetimeSeconds, accessSeconds);
    QCOMPARE(result.tokens.refreshTokenLifetimeSeconds, refreshSeconds);
    QCOMPARE(result.tokens.accessTokenExpiresAt, receivedAt.addSecs(accessSeconds));
    QCOMPARE(result.tokens.refreshTokenExpiresAt, receivedAt.addSecs(refreshSeconds));
    QCOMPARE(result.tokens.twoFactorRememberClientToken, rememberToken);
    QVERIFY(result.tokens.userId > 0);
}

void TestResponseParser::userIdAbove2Pow53()
{
    // 2^53 + 1 is the first integer a double cannot represent, so a round trip through double yields ...992.
    const QByteArray body = tokenResult(R"("accessToken":"a","expireInSeconds":60,"refreshToken":"r",)"
                                        R"("refreshTokenExpireInSeconds":600,"userId":9007199254740993)");

    AuthenticateResult result;
    const ApiError error = ResponseParser::parseAuthenticate(makeReply(200, json, body), &result);

    QVERIFY(!error.isError());
    QCOMPARE(result.tokens.userId, Q_INT64_C(9007199254740993));
}

void TestResponseParser::twoFactorChallenge()
{
    const QByteArray body = successEnvelope(R"({"accessToken":null,"expireInSeconds":0,"userId":9007199254740993,)"
                                            R"("requiresTwoFactorVerification":true,"shouldResetPassword":false,)"
                                            R"("twoFactorAuthProviders":["Email","Phone","GoogleAuthenticator"]})");

    AuthenticateResult result;
    const ApiError error = ResponseParser::parseAuthenticate(makeReply(200, json, body), &result);

    QVERIFY(!error.isError());
    QCOMPARE(result.kind, AuthenticateResult::Kind::TwoFactorRequired);
    QCOMPARE(result.challenge.userId, Q_INT64_C(9007199254740993));
    QCOMPARE(result.challenge.providers,
             QStringList({QStringLiteral("Email"), QStringLiteral("Phone"), QStringLiteral("GoogleAuthenticator")}));
}

void TestResponseParser::passwordReset_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<QString>("resetUrl");

    QTest::newRow("production with c")
        << QStringLiteral("https://api.cloud.denvrdata.com")
        << QByteArrayLiteral(R"({"shouldResetPassword":true,"userId":42,"c":"opaque+/="})")
        << QStringLiteral("https://console.cloud.denvrdata.com/account/reset-password?c=opaque%2B%2F%3D");
    QTest::newRow("production with passwordResetCode")
        << QStringLiteral("https://api.cloud.denvrdata.com")
        << QByteArrayLiteral(R"({"shouldResetPassword":true,"userId":42,"passwordResetCode":"R3SET"})")
        << QStringLiteral("https://console.cloud.denvrdata.com/account/reset-password?userId=42&resetCode=R3SET");
    QTest::newRow("staging with c") << QStringLiteral("https://api.cloud.denvrdata.dev")
                                    << QByteArrayLiteral(R"({"shouldResetPassword":true,"userId":42,"c":"xyz"})")
                                    << QStringLiteral(
                                           "https://console.cloud.denvrdata.dev/account/reset-password?c=xyz");
    QTest::newRow("fake server with c") << QStringLiteral("http://127.0.0.1:8080")
                                        << QByteArrayLiteral(R"({"shouldResetPassword":true,"userId":42,"c":"xyz"})")
                                        << QStringLiteral("http://127.0.0.1:8080/account/reset-password?c=xyz");
}

void TestResponseParser::passwordReset()
{
    QFETCH(QString, server);
    QFETCH(QByteArray, result);
    QFETCH(QString, resetUrl);

    HttpReply reply = makeReply(200, json, successEnvelope(result));
    reply.serverUrl = QUrl(server);

    AuthenticateResult unused;
    const ApiError error = ResponseParser::parseAuthenticate(reply, &unused);

    QCOMPARE(ApiError::kindName(error.kind), ApiError::kindName(Kind::PasswordResetRequired));
    QCOMPARE(error.resetUrl.toString(QUrl::FullyEncoded), resetUrl);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!error.isTransient());
}

void TestResponseParser::refreshResult()
{
    const QByteArray body =
        successEnvelope(R"({"accessToken":"new+/=","encryptedAccessToken":"enc","expireInSeconds":600})");

    RefreshResult result;
    const ApiError error = ResponseParser::parseRefreshToken(makeReply(200, json, body), &result);

    QVERIFY(!error.isError());
    QCOMPARE(result.accessToken, QStringLiteral("new+/="));
    QCOMPARE(result.accessTokenLifetimeSeconds, 600);
    QCOMPARE(result.accessTokenExpiresAt, receivedAt.addSecs(600));
}

void TestResponseParser::emptyResult_data()
{
    QTest::addColumn<Endpoint>("endpoint");

    QTest::newRow("logout") << Endpoint::LogOut;
    QTest::newRow("send two-factor code") << Endpoint::SendTwoFactorCode;
}

void TestResponseParser::emptyResult()
{
    QFETCH(Endpoint, endpoint);

    const ApiError error = parse(endpoint, makeReply(200, json, successEnvelope("null")));

    QCOMPARE(ApiError::kindName(error.kind), ApiError::kindName(Kind::None));
}

void TestResponseParser::errors_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QNetworkReply::NetworkError>("networkError");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("messagePart"); // the message must contain this
    QTest::addColumn<QString>("detailsPart"); // the details must contain this, or be empty when this is
    QTest::addColumn<QStringList>("invalidFields");
    QTest::addColumn<bool>("transient");

    const auto none = QNetworkReply::NoError;
    const QString noDetails;
    const QStringList noFields;
    const QByteArray html = QByteArrayLiteral("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>");
    const QByteArray internalError = QByteArrayLiteral("An internal error occurred during your request!");

    // One block per row with the expected values on its last lines, kept by hand.
    // clang-format off

    // Server-side outcomes of the contract, in envelopes.
    QTest::newRow("401 invalid credentials")
        << Endpoint::Authenticate << 401 << json
        << errorEnvelope("Invalid user name or password", "null", "null", true) << QNetworkReply::AuthenticationRequiredError
        << Kind::InvalidCredentials << QStringLiteral("Invalid user name or password") << noDetails << noFields << false;
    QTest::newRow("401 locked out")
        << Endpoint::Authenticate << 401 << json
        << errorEnvelope("The user account has been locked out. Please try again later.", "null", "null", true) << QNetworkReply::AuthenticationRequiredError
        << Kind::InvalidCredentials << QStringLiteral("locked out") << noDetails << noFields << false;
    QTest::newRow("401 inactive with details")
        << Endpoint::Authenticate << 401 << json
        << errorEnvelope("Login failed", R"("The user account is not active.")", "null", true) << none
        << Kind::InvalidCredentials << QStringLiteral("Login failed") << QStringLiteral("not active") << noFields << false;
    QTest::newRow("400 validation with members")
        << Endpoint::Authenticate << 400 << json
        << errorEnvelope("Your request is not valid!", "null",
                         R"([{"message":"The field userNameOrEmailAddress must be at most 256 characters.","members":["userNameOrEmailAddress"]},)"
                         R"({"message":"The password field is required.","members":["password"]}])")
        << QNetworkReply::ProtocolInvalidOperationError
        << Kind::ValidationFailed << QStringLiteral("Your request is not valid!") << QStringLiteral("at most 256 characters")
        << QStringList({QStringLiteral("userNameOrEmailAddress"), QStringLiteral("password")}) << false;
    QTest::newRow("500 invalid security code")
        << Endpoint::Authenticate << 500 << json << errorEnvelope("Invalid security code!") << QNetworkReply::InternalServerError
        << Kind::InvalidSecurityCode << QStringLiteral("Invalid security code!") << QStringLiteral("Enter the current code") << noFields << false;
    QTest::newRow("500 generic on authenticate")
        << Endpoint::Authenticate << 500 << json << errorEnvelope(internalError) << QNetworkReply::InternalServerError
        << Kind::ServerFault << QString::fromLatin1(internalError) << noDetails << noFields << false;
    QTest::newRow("200 with success false")
        << Endpoint::Authenticate << 200 << json << errorEnvelope("Something went wrong", R"("More words")") << none
        << Kind::ServerFault << QStringLiteral("Something went wrong") << QStringLiteral("More words") << noFields << false;
    QTest::newRow("enveloped 500 on refresh")
        << Endpoint::RefreshToken << 500 << json << errorEnvelope(internalError) << QNetworkReply::InternalServerError
        << Kind::RefreshTokenRejected << QStringLiteral("Sign in again") << QString::fromLatin1(internalError) << noFields << false;
    QTest::newRow("401 on refresh")
        << Endpoint::RefreshToken << 401 << json
        << errorEnvelope("Current user did not login to the application!", "null", "null", true) << QNetworkReply::AuthenticationRequiredError
        << Kind::RefreshTokenRejected << QStringLiteral("Sign in again") << QStringLiteral("did not login") << noFields << false;
    QTest::newRow("401 on logout")
        << Endpoint::LogOut << 401 << json
        << errorEnvelope("Current user did not login to the application!", "null", "null", true) << QNetworkReply::AuthenticationRequiredError
        << Kind::Unauthorized << QStringLiteral("Sign in again") << QStringLiteral("did not login") << noFields << false;
    QTest::newRow("404 send code without envelope")
        << Endpoint::SendTwoFactorCode << 404 << QByteArray() << QByteArray() << QNetworkReply::ContentNotFoundError
        << Kind::NotFound << QStringLiteral("authenticator app") << noDetails << noFields << false;
    QTest::newRow("404 logout without envelope")
        << Endpoint::LogOut << 404 << QByteArray() << QByteArray() << QNetworkReply::ContentNotFoundError
        << Kind::NotFound << QStringLiteral("HTTP 404") << noDetails << noFields << false;
    QTest::newRow("403 logout without envelope")
        << Endpoint::LogOut << 403 << QByteArrayLiteral("text/html") << html << QNetworkReply::ContentAccessDenied
        << Kind::Unauthorized << QStringLiteral("Sign in again") << noDetails << noFields << false;
    QTest::newRow("418 without envelope")
        << Endpoint::LogOut << 418 << QByteArrayLiteral("text/plain") << QByteArrayLiteral("teapot") << QNetworkReply::UnknownContentError
        << Kind::ServerFault << QStringLiteral("HTTP 418") << noDetails << noFields << false;

    // 5xx without the ABP envelope come from proxies or a restarting server.
    QTest::newRow("502 HTML page")
        << Endpoint::Authenticate << 502 << QByteArrayLiteral("text/html") << html << QNetworkReply::UnknownServerError
        << Kind::ServerFault << QStringLiteral("HTTP 502") << noDetails << noFields << true;
    QTest::newRow("503 empty body")
        << Endpoint::Authenticate << 503 << QByteArray() << QByteArray() << QNetworkReply::ServiceUnavailableError
        << Kind::ServerFault << QStringLiteral("HTTP 503") << noDetails << noFields << true;
    QTest::newRow("502 HTML page on refresh")
        << Endpoint::RefreshToken << 502 << QByteArrayLiteral("text/html") << html << QNetworkReply::UnknownServerError
        << Kind::ServerFault << QStringLiteral("HTTP 502") << noDetails << noFields << true;
    QTest::newRow("503 empty body on refresh")
        << Endpoint::RefreshToken << 503 << QByteArray() << QByteArray() << QNetworkReply::ServiceUnavailableError
        << Kind::ServerFault << QStringLiteral("HTTP 503") << noDetails << noFields << true;
    QTest::newRow("500 envelope sent as HTML")
        << Endpoint::RefreshToken << 500 << QByteArrayLiteral("text/html") << errorEnvelope(internalError) << QNetworkReply::InternalServerError
        << Kind::ServerFault << QStringLiteral("HTTP 500") << noDetails << noFields << true;

    // 200 responses that are not in the DenvrCloud API format.
    QTest::newRow("200 HTML page")
        << Endpoint::Authenticate << 200 << QByteArrayLiteral("text/html; charset=utf-8") << html << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("web page") << noFields << true;
    QTest::newRow("200 HTML page as text/plain")
        << Endpoint::Authenticate << 200 << QByteArrayLiteral("text/plain") << html << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("web page") << noFields << true;
    QTest::newRow("200 non-JSON")
        << Endpoint::Authenticate << 200 << json << QByteArrayLiteral("hello") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("not JSON") << noFields << true;
    QTest::newRow("200 empty body")
        << Endpoint::LogOut << 200 << json << QByteArray() << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("empty") << noFields << true;
    QTest::newRow("200 JSON without envelope")
        << Endpoint::Authenticate << 200 << json << QByteArrayLiteral(R"({"accessToken":"a","expireInSeconds":60})") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("envelope") << noFields << true;
    QTest::newRow("200 JSON array")
        << Endpoint::LogOut << 200 << json << QByteArrayLiteral("[1,2]") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("envelope") << noFields << true;
    QTest::newRow("200 wrong content type")
        << Endpoint::Authenticate << 200 << QByteArrayLiteral("application/xml") << tokenResult(plainTokens) << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("application/xml") << noFields << true;
    QTest::newRow("success true with null result")
        << Endpoint::Authenticate << 200 << json << successEnvelope("null") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("no result") << noFields << true;
    QTest::newRow("missing accessToken")
        << Endpoint::Authenticate << 200 << json
        << tokenResult(R"("expireInSeconds":60,"refreshToken":"r","refreshTokenExpireInSeconds":600,"userId":1)") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("accessToken") << noFields << true;
    QTest::newRow("missing refreshToken")
        << Endpoint::Authenticate << 200 << json
        << tokenResult(R"("accessToken":"a","expireInSeconds":60,"refreshTokenExpireInSeconds":600,"userId":1)") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("refreshToken") << noFields << true;
    QTest::newRow("missing userId")
        << Endpoint::Authenticate << 200 << json
        << tokenResult(R"("accessToken":"a","expireInSeconds":60,"refreshToken":"r","refreshTokenExpireInSeconds":600)") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("userId") << noFields << true;
    QTest::newRow("negative expireInSeconds")
        << Endpoint::Authenticate << 200 << json
        << tokenResult(R"("accessToken":"a","expireInSeconds":-5,"refreshToken":"r","refreshTokenExpireInSeconds":600,"userId":1)") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("expireInSeconds") << noFields << true;
    QTest::newRow("zero refreshTokenExpireInSeconds")
        << Endpoint::Authenticate << 200 << json
        << tokenResult(R"("accessToken":"a","expireInSeconds":60,"refreshToken":"r","refreshTokenExpireInSeconds":0,"userId":1)") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("refreshTokenExpireInSeconds") << noFields << true;
    QTest::newRow("fractional expireInSeconds")
        << Endpoint::Authenticate << 200 << json
        << tokenResult(R"("accessToken":"a","expireInSeconds":1.5,"refreshToken":"r","refreshTokenExpireInSeconds":600,"userId":1)") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("expireInSeconds") << noFields << true;
    QTest::newRow("expireInSeconds as string")
        << Endpoint::Authenticate << 200 << json
        << tokenResult(R"("accessToken":"a","expireInSeconds":"60","refreshToken":"r","refreshTokenExpireInSeconds":600,"userId":1)") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("expireInSeconds") << noFields << true;
    QTest::newRow("two-factor without userId")
        << Endpoint::Authenticate << 200 << json
        << successEnvelope(R"({"requiresTwoFactorVerification":true,"twoFactorAuthProviders":["Email"]})") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("userId") << noFields << true;
    QTest::newRow("refresh missing accessToken")
        << Endpoint::RefreshToken << 200 << json << successEnvelope(R"({"expireInSeconds":60})") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("accessToken") << noFields << true;
    QTest::newRow("refresh negative expireInSeconds")
        << Endpoint::RefreshToken << 200 << json << successEnvelope(R"({"accessToken":"a","expireInSeconds":-1})") << none
        << Kind::MalformedResponse << QStringLiteral("api.example.com") << QStringLiteral("expireInSeconds") << noFields << true;

    // Failures below HTTP, as QNetworkReply reports them.
    QTest::newRow("transfer timeout")
        << Endpoint::Authenticate << 0 << QByteArray() << QByteArray() << QNetworkReply::OperationCanceledError
        << Kind::Timeout << QStringLiteral("api.example.com") << noDetails << noFields << true;
    QTest::newRow("transfer timeout after headers")
        << Endpoint::RefreshToken << 200 << json << QByteArray() << QNetworkReply::OperationCanceledError
        << Kind::Timeout << QStringLiteral("api.example.com") << noDetails << noFields << true;
    QTest::newRow("socket timeout")
        << Endpoint::LogOut << 0 << QByteArray() << QByteArray() << QNetworkReply::TimeoutError
        << Kind::Timeout << QStringLiteral("api.example.com") << noDetails << noFields << true;
    QTest::newRow("connection refused")
        << Endpoint::Authenticate << 0 << QByteArray() << QByteArray() << QNetworkReply::ConnectionRefusedError
        << Kind::ConnectionRefused << QStringLiteral("Could not connect to api.example.com: the connection was refused.")
        << noDetails << noFields << true;
    QTest::newRow("host not found")
        << Endpoint::Authenticate << 0 << QByteArray() << QByteArray() << QNetworkReply::HostNotFoundError
        << Kind::HostNotFound << QStringLiteral("api.example.com") << noDetails << noFields << true;
    QTest::newRow("TLS handshake failed")
        << Endpoint::Authenticate << 0 << QByteArray() << QByteArray() << QNetworkReply::SslHandshakeFailedError
        << Kind::TlsFailure << QStringLiteral("api.example.com") << qtErrorText << noFields << true;
    QTest::newRow("remote host closed")
        << Endpoint::Authenticate << 0 << QByteArray() << QByteArray() << QNetworkReply::RemoteHostClosedError
        << Kind::NetworkUnreachable << QStringLiteral("api.example.com") << qtErrorText << noFields << true;
    QTest::newRow("unknown protocol failure")
        << Endpoint::LogOut << 0 << QByteArray() << QByteArray() << QNetworkReply::ProtocolFailure
        << Kind::NetworkUnreachable << QStringLiteral("api.example.com") << qtErrorText << noFields << true;
    // clang-format on
}

void TestResponseParser::errors()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QNetworkReply::NetworkError, networkError);
    QFETCH(Kind, kind);
    QFETCH(QString, messagePart);
    QFETCH(QString, detailsPart);
    QFETCH(QStringList, invalidFields);
    QFETCH(bool, transient);

    const HttpReply reply = makeReply(status, contentType, body, networkError, qtErrorText);

    const ApiError error = parse(endpoint, reply);

    QCOMPARE(ApiError::kindName(error.kind), ApiError::kindName(kind));
    QCOMPARE(error.httpStatus, status);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    if (detailsPart.isEmpty())
        QCOMPARE(error.details, QString());
    else
        QVERIFY2(error.details.contains(detailsPart), qPrintable(error.details));
    QCOMPARE(error.invalidFields, invalidFields);
    QCOMPARE(error.isTransient(), transient);
    QVERIFY(!error.resetUrl.isValid());
    QVERIFY(body.isEmpty() || !error.userText().contains(QString::fromUtf8(body)));
}

void TestResponseParser::envelopeValidationMembers()
{
    const QByteArray body = errorEnvelope(
        "Your request is not valid!", "null",
        R"([{"message":"a","members":["password","userNameOrEmailAddress"]},{"message":"b","members":["password"]}])");

    const std::optional<Envelope> envelope = Envelope::parse(body);

    QVERIFY(envelope.has_value());
    QVERIFY(!envelope->success);
    QCOMPARE(envelope->errorMessage, QStringLiteral("Your request is not valid!"));
    QCOMPARE(envelope->validationMessages, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(envelope->validationMembers,
             QStringList({QStringLiteral("password"), QStringLiteral("userNameOrEmailAddress")}));
}

QTEST_GUILESS_MAIN(TestResponseParser)
#include "tst_responseparser.moc"
