#include "ApiClient.h"
#include "FakeServer.h"
#include "RequestBody.h"
#include "TestCertificates.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

using Kind = ApiError::Kind;

// What an ApiCall delivered, copied inside the finished() slot because the
// call deletes itself afterwards.
struct Outcome
{
    int finishedCount = 0;
    ApiError error;
    AuthenticateResult authenticate;
    RefreshResult refresh;
};

std::shared_ptr<Outcome> watch(ApiCall* call)
{
    auto outcome = std::make_shared<Outcome>();
    QObject::connect(call, &ApiCall::finished, call, [call, outcome] {
        ++outcome->finishedCount;
        outcome->error = call->error();
        outcome->authenticate = call->authenticateResult();
        outcome->refresh = call->refreshResult();
    });
    return outcome;
}

// Waits for the call to finish and returns what it delivered. finishedCount stays 0 on a time-out.
Outcome waitFor(ApiCall* call, int timeoutMs = 10000)
{
    const std::shared_ptr<Outcome> outcome = watch(call);
    if (!QTest::qWaitFor([&outcome] { return outcome->finishedCount > 0; }, timeoutMs))
        qWarning("the call did not finish within %d ms", timeoutMs);
    return *outcome;
}

AuthenticateRequest credentials(const FakeServer::User& user)
{
    AuthenticateRequest request;
    request.userNameOrEmailAddress = user.userName;
    request.password = user.password;
    return request;
}

// A loopback HTTP/1.1 endpoint that records the raw requests and sends a fixed
// response to each, or no response while the response is empty. It checks
// what the client puts on the wire, which the fake server does not report.
class RawHttpServer : public QObject
{
public:
    RawHttpServer() { connect(&m_server, &QTcpServer::newConnection, this, &RawHttpServer::acceptConnections); }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    quint16 port() const { return m_server.serverPort(); }

    void setResponse(const QByteArray& response) { m_response = response; }
    QList<QByteArray> requests() const { return m_requests; }
    QByteArray lastRequest() const { return m_requests.isEmpty() ? QByteArray() : m_requests.last(); }

    // The request's header lines, with the request line first.
    static QList<QByteArray> headerLines(const QByteArray& request)
    {
        return request.left(request.indexOf("\r\n\r\n")).split('\n');
    }

    static QByteArray header(const QByteArray& request, const QByteArray& name)
    {
        const QList<QByteArray> lines = headerLines(request);
        for (const QByteArray& line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

    static QByteArray body(const QByteArray& request) { return request.mid(request.indexOf("\r\n\r\n") + 4); }

    static QByteArray response(int status, const QByteArray& contentType, const QByteArray& body)
    {
        QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
        if (!contentType.isEmpty())
            response += "Content-Type: " + contentType + "\r\n";
        response += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        return response;
    }

private:
    void acceptConnections()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void readRequest(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();

        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const qsizetype contentLength = header(buffer, "Content-Length").toLongLong();
        if (buffer.size() < headerEnd + 4 + contentLength)
            return;

        m_requests.append(buffer);
        m_buffers.remove(socket);

        if (m_response.isEmpty())
            return;
        socket->write(m_response);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QByteArray m_response;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<QByteArray> m_requests;
};

// Log lines seen while captureMessage() is the message handler, with their category.
QStringList capturedMessages;

void captureMessage(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    capturedMessages.append(QString::fromLatin1(context.category) + QLatin1Char(' ') + message);
}

QByteArray emptySuccessEnvelope()
{
    return QByteArrayLiteral(
        R"({"result":null,"targetUrl":null,"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true})");
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void defaultTransferTimeout();
    void userAgentNamesProduct();
    void plainSignIn();
    void signInByEmailAddress();
    void wrongPassword();
    void lockedOut();
    void inactiveAccount();
    void tooLongUserName();
    void twoFactorFlow();
    void wrongSecurityCode();
    void reusedSecurityCode();
    void rememberedClientSkipsTwoFactor();
    void passwordResetRequired();
    void refreshWithPlusSlashEquals();
    void refreshWithBogusToken();
    void refreshAfterLogOut();
    void logOutWithoutValidBearer();
    void connectionRefused();
    void transferTimeout();
    void abortCancels();
    void abortAfterFinishIsIgnored();
    void abortRejectedCall();
    void clientDestroyedCancelsCalls();
    void insecureServerFinishesLater();
    void secretsNeverLogged();
    void userAgentOnWire();
    void bearerHeaderOnWire();
    void refreshTokenPercentEncodedOnWire();
    void authenticateBodyOmitsOptionalFields();
    void authenticateBodyCarriesSecondStep();
    void authenticateBodyWipedWhenFinished();
    void sendCodeKeepsLargeUserId();
    void sendCodeNotFound();
    void htmlErrorPageIsTransient();
    void oversizedAnswerWithLength();
    void oversizedAnswerWithoutLength();
    void redirectToOtherOriginNotFollowed();
    void caFileMissing();
    void caFileWithoutCertificate();
    void caCertificatesKeepSystemCas();
    void httpsUntrustedThenTrusted();

private:
    bool startFakeServer(const FakeServer::Options& options = {});
    FakeServer::Options usersOptions() const;

    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    FakeServer::User m_plain;
    FakeServer::User m_twoFactor;
};

void TestApiClient::init()
{
    m_server = std::make_unique<FakeServer>();
    m_client = std::make_unique<ApiClient>();
    m_plain = FakeServer::plainUser();
    m_twoFactor = FakeServer::twoFactorUser();
}

void TestApiClient::cleanup()
{
    m_client.reset();
    m_server.reset();
}

FakeServer::Options TestApiClient::usersOptions() const
{
    FakeServer::User locked;
    locked.userName = QStringLiteral("locked");
    locked.emailAddress = QStringLiteral("locked@example.com");
    locked.password = QStringLiteral("locked-password");
    locked.lockedOut = true;

    FakeServer::User inactive;
    inactive.userName = QStringLiteral("inactive");
    inactive.emailAddress = QStringLiteral("inactive@example.com");
    inactive.password = QStringLiteral("inactive-password");
    inactive.active = false;

    FakeServer::User reset;
    reset.userName = QStringLiteral("reset");
    reset.emailAddress = QStringLiteral("reset@example.com");
    reset.password = QStringLiteral("reset-password");
    reset.shouldResetPassword = true;

    FakeServer::Options options;
    options.users = {m_plain, m_twoFactor, locked, inactive, reset};
    return options;
}

bool TestApiClient::startFakeServer(const FakeServer::Options& options)
{
    FakeServer::Options withUsers = options;
    if (withUsers.users.isEmpty())
        withUsers.users = usersOptions().users;

    if (!m_server->start(withUsers)) {
        qWarning("%s", qPrintable(m_server->errorMessage()));
        return false;
    }

    m_client->setServerUrl(m_server->url());
    return true;
}

void TestApiClient::defaultTransferTimeout()
{
    QCOMPARE(m_client->transferTimeout(), ApiClient::DefaultTransferTimeoutMs);
    QCOMPARE(ApiClient::DefaultTransferTimeoutMs, 20000);
}

void TestApiClient::userAgentNamesProduct()
{
    const QString userAgent = QString::fromUtf8(ApiClient::userAgent());

    const QRegularExpression pattern(QStringLiteral(R"(^DenvrSignIn/\d+\.\d+\.\d+ \(Qt \d+\.\d+\.\d+; \S+\)$)"));
    QVERIFY2(pattern.match(userAgent).hasMatch(), qPrintable(userAgent));
    QVERIFY(userAgent.contains(QString::fromLatin1(qVersion())));
}

void TestApiClient::plainSignIn()
{
    QVERIFY(startFakeServer());
    const QDateTime before = QDateTime::currentDateTimeUtc();

    const Outcome outcome = waitFor(m_client->authenticate(credentials(m_plain)));

    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(outcome.authenticate.kind, AuthenticateResult::Kind::Tokens);

    const TokenGrant& tokens = outcome.authenticate.tokens;
    QVERIFY(!tokens.accessToken.isEmpty());
    QVERIFY(!tokens.refreshToken.isEmpty());
    QVERIFY(tokens.userId > 0);
    QVERIFY(tokens.accessTokenLifetimeSeconds > 0);
    QVERIFY(tokens.accessTokenExpiresAt >= before.addSecs(tokens.accessTokenLifetimeSeconds));
    QVERIFY(tokens.accessTokenExpiresAt <= after.addSecs(tokens.accessTokenLifetimeSeconds));
    QVERIFY(tokens.refreshTokenExpiresAt >= before.addSecs(tokens.refreshTokenLifetimeSeconds));
    QVERIFY(tokens.refreshTokenExpiresAt <= after.addSecs(tokens.refreshTokenLifetimeSeconds));
    QVERIFY(tokens.twoFactorRememberClientToken.isEmpty());
    QVERIFY(m_server->waitForRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/Authenticate"), 1));
    QVERIFY(m_server->requestLog().contains(QStringLiteral("POST /api/TokenAuth/Authenticate 200")));
}

void TestApiClient::signInByEmailAddress()
{
    QVERIFY(startFakeServer());
    AuthenticateRequest request = credentials(m_plain);
    request.userNameOrEmailAddress = m_plain.emailAddress;

    const Outcome outcome = waitFor(m_client->authenticate(request));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(outcome.authenticate.kind, AuthenticateResult::Kind::Tokens);
}

void TestApiClient::wrongPassword()
{
    QVERIFY(startFakeServer());
    AuthenticateRequest request = credentials(m_plain);
    request.password = QStringLiteral("wrong password");

    const Outcome outcome = waitFor(m_client->authenticate(request));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::InvalidCredentials));
    QCOMPARE(outcome.error.httpStatus, 401);
    QCOMPARE(outcome.error.message, QStringLiteral("Invalid user name or password"));
    QVERIFY(!outcome.error.isTransient());
}

void TestApiClient::lockedOut()
{
    QVERIFY(startFakeServer());
    AuthenticateRequest request;
    request.userNameOrEmailAddress = QStringLiteral("locked");
    request.password = QStringLiteral("locked-password");

    const Outcome outcome = waitFor(m_client->authenticate(request));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::InvalidCredentials));
    QVERIFY2(outcome.error.message.contains(QStringLiteral("locked out")), qPrintable(outcome.error.message));
}

void TestApiClient::inactiveAccount()
{
    QVERIFY(startFakeServer());
    AuthenticateRequest request;
    request.userNameOrEmailAddress = QStringLiteral("inactive");
    request.password = QStringLiteral("inactive-password");

    const Outcome outcome = waitFor(m_client->authenticate(request));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::InvalidCredentials));
    QVERIFY2(outcome.error.message.contains(QStringLiteral("not active")), qPrintable(outcome.error.message));
}

void TestApiClient::tooLongUserName()
{
    QVERIFY(startFakeServer());
    AuthenticateRequest request = credentials(m_plain);
    request.userNameOrEmailAddress = QString(300, QLatin1Char('u'));

    const Outcome outcome = waitFor(m_client->authenticate(request));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::ValidationFailed));
    QCOMPARE(outcome.error.httpStatus, 400);
    QVERIFY(outcome.error.invalidFields.contains(QStringLiteral("userNameOrEmailAddress")));
    QVERIFY(!outcome.error.message.isEmpty());
}

void TestApiClient::twoFactorFlow()
{
    QVERIFY(startFakeServer());

    const Outcome challenge = waitFor(m_client->authenticate(credentials(m_twoFactor)));
    QCOMPARE(ApiError::kindName(challenge.error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(challenge.authenticate.kind, AuthenticateResult::Kind::TwoFactorRequired);
    QCOMPARE(challenge.authenticate.challenge.providers, m_twoFactor.twoFactorProviders);
    QVERIFY(challenge.authenticate.challenge.userId > 0);

    const Outcome sent =
        waitFor(m_client->sendTwoFactorCode(challenge.authenticate.challenge.userId, QStringLiteral("Email")));
    QCOMPARE(ApiError::kindName(sent.error.kind), ApiError::kindName(Kind::None));

    AuthenticateRequest secondStep = credentials(m_twoFactor);
    secondStep.twoFactorVerificationCode = m_twoFactor.twoFactorCode;
    const Outcome signedIn = waitFor(m_client->authenticate(secondStep));
    QCOMPARE(ApiError::kindName(signedIn.error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(signedIn.authenticate.kind, AuthenticateResult::Kind::Tokens);
    QCOMPARE(signedIn.authenticate.tokens.userId, challenge.authenticate.challenge.userId);
    QVERIFY(!signedIn.authenticate.tokens.accessToken.isEmpty());
}

void TestApiClient::wrongSecurityCode()
{
    QVERIFY(startFakeServer());
    const Outcome challenge = waitFor(m_client->authenticate(credentials(m_twoFactor)));
    QCOMPARE(challenge.authenticate.kind, AuthenticateResult::Kind::TwoFactorRequired);

    AuthenticateRequest secondStep = credentials(m_twoFactor);
    secondStep.twoFactorVerificationCode = QStringLiteral("000000");
    const Outcome outcome = waitFor(m_client->authenticate(secondStep));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::InvalidSecurityCode));
    QCOMPARE(outcome.error.httpStatus, 500);
    QVERIFY(!outcome.error.isTransient());
}

void TestApiClient::reusedSecurityCode()
{
    QVERIFY(startFakeServer());
    const Outcome challenge = waitFor(m_client->authenticate(credentials(m_twoFactor)));
    QCOMPARE(challenge.authenticate.kind, AuthenticateResult::Kind::TwoFactorRequired);
    AuthenticateRequest secondStep = credentials(m_twoFactor);
    secondStep.twoFactorVerificationCode = m_twoFactor.twoFactorCode;
    const Outcome first = waitFor(m_client->authenticate(secondStep));
    QCOMPARE(ApiError::kindName(first.error.kind), ApiError::kindName(Kind::None));

    const Outcome reused = waitFor(m_client->authenticate(secondStep));

    QCOMPARE(ApiError::kindName(reused.error.kind), ApiError::kindName(Kind::InvalidSecurityCode));
}

void TestApiClient::rememberedClientSkipsTwoFactor()
{
    QVERIFY(startFakeServer());
    const Outcome challenge = waitFor(m_client->authenticate(credentials(m_twoFactor)));
    QCOMPARE(challenge.authenticate.kind, AuthenticateResult::Kind::TwoFactorRequired);
    AuthenticateRequest secondStep = credentials(m_twoFactor);
    secondStep.twoFactorVerificationCode = m_twoFactor.twoFactorCode;
    secondStep.rememberClient = true;
    const Outcome signedIn = waitFor(m_client->authenticate(secondStep));
    const QString rememberToken = signedIn.authenticate.tokens.twoFactorRememberClientToken;
    QVERIFY(!rememberToken.isEmpty());

    AuthenticateRequest remembered = credentials(m_twoFactor);
    remembered.twoFactorRememberClientToken = rememberToken;
    const Outcome outcome = waitFor(m_client->authenticate(remembered));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(outcome.authenticate.kind, AuthenticateResult::Kind::Tokens);
    QVERIFY(!outcome.authenticate.tokens.accessToken.isEmpty());
}

void TestApiClient::passwordResetRequired()
{
    QVERIFY(startFakeServer());
    AuthenticateRequest request;
    request.userNameOrEmailAddress = QStringLiteral("reset");
    request.password = QStringLiteral("reset-password");

    const Outcome outcome = waitFor(m_client->authenticate(request));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::PasswordResetRequired));
    const QUrl resetUrl = outcome.error.resetUrl;
    QCOMPARE(resetUrl.adjusted(QUrl::RemoveQuery),
             QUrl(m_server->url().toString() + QStringLiteral("/account/reset-password")));
    QVERIFY(resetUrl.query(QUrl::FullyEncoded).startsWith(QStringLiteral("c=")));
    QVERIFY(!resetUrl.query(QUrl::FullyEncoded).contains(QLatin1Char('+')));

    // The fake server serves the page the link points to.
    QNetworkAccessManager browser;
    QNetworkReply* page = browser.get(QNetworkRequest(resetUrl));
    QSignalSpy pageFinished(page, &QNetworkReply::finished);
    QVERIFY(pageFinished.wait(10000));
    QCOMPARE(page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    page->deleteLater();
}

void TestApiClient::refreshWithPlusSlashEquals()
{
    QVERIFY(startFakeServer());
    const Outcome signedIn = waitFor(m_client->authenticate(credentials(m_plain)));
    const QString refreshToken = signedIn.authenticate.tokens.refreshToken;
    QVERIFY(refreshToken.contains(QLatin1Char('+')));
    QVERIFY(refreshToken.contains(QLatin1Char('/')));
    QVERIFY(refreshToken.contains(QLatin1Char('=')));

    const Outcome refreshed = waitFor(m_client->refreshToken(refreshToken));

    QCOMPARE(ApiError::kindName(refreshed.error.kind), ApiError::kindName(Kind::None));
    QVERIFY(!refreshed.refresh.accessToken.isEmpty());
    QVERIFY(refreshed.refresh.accessToken != signedIn.authenticate.tokens.accessToken);
    QVERIFY(refreshed.refresh.accessTokenExpiresAt > QDateTime::currentDateTimeUtc());
    QVERIFY(m_server->waitForRequests(QStringLiteral("POST"), QStringLiteral("/api/TokenAuth/RefreshToken"), 1));
    QVERIFY(m_server->requestLog().contains(QStringLiteral("POST /api/TokenAuth/RefreshToken 200")));
}

void TestApiClient::refreshWithBogusToken()
{
    QVERIFY(startFakeServer());

    const Outcome outcome = waitFor(m_client->refreshToken(QStringLiteral("bogus+token/==")));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::RefreshTokenRejected));
    QVERIFY(!outcome.error.isTransient());
}

void TestApiClient::refreshAfterLogOut()
{
    QVERIFY(startFakeServer());
    const Outcome signedIn = waitFor(m_client->authenticate(credentials(m_plain)));
    QCOMPARE(ApiError::kindName(signedIn.error.kind), ApiError::kindName(Kind::None));

    const Outcome loggedOut = waitFor(m_client->logOut(signedIn.authenticate.tokens.accessToken));
    QCOMPARE(ApiError::kindName(loggedOut.error.kind), ApiError::kindName(Kind::None));

    const Outcome refreshed = waitFor(m_client->refreshToken(signedIn.authenticate.tokens.refreshToken));
    QCOMPARE(ApiError::kindName(refreshed.error.kind), ApiError::kindName(Kind::RefreshTokenRejected));
}

void TestApiClient::logOutWithoutValidBearer()
{
    QVERIFY(startFakeServer());

    const Outcome outcome = waitFor(m_client->logOut(QStringLiteral("not-a-token")));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::Unauthorized));
    QCOMPARE(outcome.error.httpStatus, 401);
}

void TestApiClient::connectionRefused()
{
    QTcpServer unused;
    QVERIFY(unused.listen(QHostAddress::LocalHost, 0));
    const quint16 port = unused.serverPort();
    unused.close();
    m_client->setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));

    const Outcome outcome = waitFor(m_client->authenticate(credentials(m_plain)));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::ConnectionRefused));
    QVERIFY(outcome.error.message.contains(QStringLiteral("127.0.0.1")));
    QVERIFY(outcome.error.isTransient());
}

void TestApiClient::transferTimeout()
{
    FakeServer::Options options;
    options.delayMs = 3000;
    QVERIFY(startFakeServer(options));
    m_client->setTransferTimeout(500);
    QElapsedTimer elapsed;
    elapsed.start();

    const Outcome outcome = waitFor(m_client->authenticate(credentials(m_plain)));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::Timeout));
    QVERIFY(outcome.error.isTransient());
    QVERIFY2(elapsed.elapsed() < 2500, qPrintable(QString::number(elapsed.elapsed())));
}

void TestApiClient::abortCancels()
{
    RawHttpServer silent;
    QVERIFY(silent.listen());
    m_client->setServerUrl(silent.url());
    ApiCall* call = m_client->authenticate(credentials(m_plain));
    const std::shared_ptr<Outcome> outcome = watch(call);
    QPointer<ApiCall> alive(call);
    QTRY_COMPARE(silent.requests().size(), 1);

    call->abort();

    QTRY_COMPARE(outcome->finishedCount, 1);
    QCOMPARE(ApiError::kindName(outcome->error.kind), ApiError::kindName(Kind::Cancelled));
    QVERIFY(!outcome->error.isTransient());
    QTRY_VERIFY(alive.isNull());
    QCOMPARE(outcome->finishedCount, 1);
}

void TestApiClient::abortAfterFinishIsIgnored()
{
    QVERIFY(startFakeServer());
    ApiCall* call = m_client->authenticate(credentials(m_plain));
    const std::shared_ptr<Outcome> outcome = watch(call);
    connect(call, &ApiCall::finished, call, &ApiCall::abort);

    QTRY_COMPARE(outcome->finishedCount, 1);
    QTest::qWait(50);

    QCOMPARE(outcome->finishedCount, 1);
    QCOMPARE(ApiError::kindName(outcome->error.kind), ApiError::kindName(Kind::None));
}

void TestApiClient::abortRejectedCall()
{
    m_client->setServerUrl(QUrl(QStringLiteral("ftp://example.com")));
    ApiCall* call = m_client->logOut(QStringLiteral("token"));
    const std::shared_ptr<Outcome> outcome = watch(call);

    call->abort();
    QTest::qWait(50);

    QCOMPARE(outcome->finishedCount, 1);
    QCOMPARE(ApiError::kindName(outcome->error.kind), ApiError::kindName(Kind::Cancelled));
}

void TestApiClient::clientDestroyedCancelsCalls()
{
    RawHttpServer silent;
    QVERIFY(silent.listen());
    m_client->setServerUrl(silent.url());
    const std::shared_ptr<Outcome> outcome = watch(m_client->logOut(QStringLiteral("token")));
    QTRY_COMPARE(silent.requests().size(), 1);

    m_client.reset();

    QCOMPARE(outcome->finishedCount, 1);
    QCOMPARE(ApiError::kindName(outcome->error.kind), ApiError::kindName(Kind::Cancelled));
}

void TestApiClient::insecureServerFinishesLater()
{
    m_client->setServerUrl(QUrl(QStringLiteral("http://example.com")));

    ApiCall* call = m_client->authenticate(credentials(m_plain));
    QVERIFY(!call->isFinished());
    QPointer<ApiCall> alive(call);
    const Outcome outcome = waitFor(call);

    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::InsecureServer));
    QVERIFY(!outcome.error.message.isEmpty());
    QTRY_VERIFY(alive.isNull());
}

void TestApiClient::secretsNeverLogged()
{
    QVERIFY(startFakeServer());
    QLoggingCategory::setFilterRules(QStringLiteral("denvr.*.debug=true"));
    capturedMessages.clear();
    const QtMessageHandler previousHandler = qInstallMessageHandler(captureMessage);

    const Outcome signedIn = waitFor(m_client->authenticate(credentials(m_plain)));
    const Outcome refreshed = waitFor(m_client->refreshToken(signedIn.authenticate.tokens.refreshToken));
    const Outcome loggedOut = waitFor(m_client->logOut(refreshed.refresh.accessToken));
    const Outcome rejected = waitFor(m_client->refreshToken(signedIn.authenticate.tokens.refreshToken));

    qInstallMessageHandler(previousHandler);
    QLoggingCategory::setFilterRules(QString());
    QCOMPARE(ApiError::kindName(loggedOut.error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(ApiError::kindName(rejected.error.kind), ApiError::kindName(Kind::RefreshTokenRejected));
    QVERIFY(!capturedMessages.isEmpty());
    const QString log = capturedMessages.join(QLatin1Char('\n'));
    QVERIFY(log.contains(QStringLiteral("RefreshToken")));
    QVERIFY(!log.contains(m_plain.password));
    QVERIFY(!log.contains(signedIn.authenticate.tokens.accessToken));
    QVERIFY(!log.contains(signedIn.authenticate.tokens.refreshToken));
    QVERIFY(!log.contains(QString::fromLatin1(QUrl::toPercentEncoding(signedIn.authenticate.tokens.refreshToken))));
    QVERIFY(!log.contains(refreshed.refresh.accessToken));
    QVERIFY(!log.contains(QStringLiteral("refreshToken=")));
}

void TestApiClient::userAgentOnWire()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(200, "application/json", emptySuccessEnvelope()));
    m_client->setServerUrl(raw.url());

    const Outcome outcome = waitFor(m_client->logOut(QStringLiteral("token")));

    QCOMPARE(raw.requests().size(), 1);
    QCOMPARE(RawHttpServer::header(raw.lastRequest(), "User-Agent"), ApiClient::userAgent());
    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::None));
}

void TestApiClient::bearerHeaderOnWire()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(200, "application/json", emptySuccessEnvelope()));
    m_client->setServerUrl(raw.url());

    waitFor(m_client->logOut(QStringLiteral("abc+/=")));

    QCOMPARE(raw.requests().size(), 1);
    QVERIFY(raw.lastRequest().startsWith("GET /api/TokenAuth/LogOut HTTP/1.1\r\n"));
    QCOMPARE(RawHttpServer::header(raw.lastRequest(), "Authorization"), QByteArrayLiteral("Bearer abc+/="));
}

void TestApiClient::refreshTokenPercentEncodedOnWire()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(
        200, "application/json",
        R"({"result":{"accessToken":"a","expireInSeconds":60},"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true})"));
    m_client->setServerUrl(raw.url());

    const Outcome outcome = waitFor(m_client->refreshToken(QStringLiteral("a+b/c=d&e f")));

    QCOMPARE(raw.requests().size(), 1);
    const QByteArray requestLine = RawHttpServer::headerLines(raw.lastRequest()).constFirst().trimmed();
    QCOMPARE(requestLine,
             QByteArrayLiteral("POST /api/TokenAuth/RefreshToken?refreshToken=a%2Bb%2Fc%3Dd%26e%20f HTTP/1.1"));
    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::None));
}

void TestApiClient::authenticateBodyOmitsOptionalFields()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    m_client->setServerUrl(raw.url());
    ApiCall* call = m_client->authenticate(credentials(m_plain));

    QTRY_COMPARE(raw.requests().size(), 1);
    const QByteArray request = raw.lastRequest();
    const QJsonObject body = QJsonDocument::fromJson(RawHttpServer::body(request)).object();
    QCOMPARE(RawHttpServer::header(request, "Content-Type"), QByteArrayLiteral("application/json"));
    QCOMPARE(body.value(QStringLiteral("userNameOrEmailAddress")).toString(), m_plain.userName);
    QCOMPARE(body.value(QStringLiteral("password")).toString(), m_plain.password);
    QCOMPARE(body.value(QStringLiteral("rememberClient")), QJsonValue(false));
    QVERIFY(!body.contains(QStringLiteral("singleSignIn")));
    QVERIFY(!body.contains(QStringLiteral("returnUrl")));
    QVERIFY(!body.contains(QStringLiteral("twoFactorVerificationCode")));
    QVERIFY(!body.contains(QStringLiteral("twoFactorRememberClientToken")));
    call->abort();
}

void TestApiClient::authenticateBodyCarriesSecondStep()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    m_client->setServerUrl(raw.url());
    AuthenticateRequest request = credentials(m_twoFactor);
    request.rememberClient = true;
    request.twoFactorVerificationCode = QStringLiteral("123456");
    request.twoFactorRememberClientToken = QStringLiteral("remember+/=");
    ApiCall* call = m_client->authenticate(request);

    QTRY_COMPARE(raw.requests().size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(RawHttpServer::body(raw.lastRequest())).object();
    QCOMPARE(body.value(QStringLiteral("rememberClient")), QJsonValue(true));
    QCOMPARE(body.value(QStringLiteral("twoFactorVerificationCode")).toString(), QStringLiteral("123456"));
    QCOMPARE(body.value(QStringLiteral("twoFactorRememberClientToken")).toString(), QStringLiteral("remember+/="));
    call->abort();
}

// The bytes of the body that carried the password are overwritten once the
// call has ended. A copy that shares them shows what is left in memory.
void TestApiClient::authenticateBodyWipedWhenFinished()
{
    QVERIFY(startFakeServer(usersOptions()));
    ApiCall* call = m_client->authenticate(credentials(m_plain));
    auto* body = m_client->findChild<RequestBody*>();
    QVERIFY(body);
    const QByteArray sent = body->bytes();
    QVERIFY(sent.contains(m_plain.password.toUtf8()));
    QSignalSpy finished(call, &ApiCall::finished);

    QVERIFY(finished.wait(10000));

    QCOMPARE(sent.count('\0'), sent.size());
}

void TestApiClient::sendCodeKeepsLargeUserId()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(200, "application/json", emptySuccessEnvelope()));
    m_client->setServerUrl(raw.url());

    const Outcome outcome = waitFor(m_client->sendTwoFactorCode(Q_INT64_C(9007199254740993), QStringLiteral("Email")));

    QCOMPARE(raw.requests().size(), 1);
    const QByteArray body = RawHttpServer::body(raw.lastRequest());
    QVERIFY2(body.contains(R"("userId":9007199254740993)"), body.constData());
    QVERIFY2(body.contains(R"("provider":"Email")"), body.constData());
    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::None));
}

void TestApiClient::sendCodeNotFound()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(404, QByteArray(), QByteArray()));
    m_client->setServerUrl(raw.url());

    const Outcome outcome = waitFor(m_client->sendTwoFactorCode(1001, QStringLiteral("Email")));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::NotFound));
    QVERIFY2(outcome.error.message.contains(QStringLiteral("authenticator app")), qPrintable(outcome.error.message));
}

void TestApiClient::htmlErrorPageIsTransient()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(502, "text/html", "<html><body>Bad Gateway</body></html>"));
    m_client->setServerUrl(raw.url());

    const Outcome outcome = waitFor(m_client->refreshToken(QStringLiteral("token")));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::ServerFault));
    QCOMPARE(outcome.error.httpStatus, 502);
    QVERIFY(outcome.error.isTransient());
    QVERIFY(!outcome.error.userText().contains(QStringLiteral("Bad Gateway")));
}

void TestApiClient::oversizedAnswerWithLength()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(200, "application/json", QByteArray(2 * 1024 * 1024, ' ')));
    m_client->setServerUrl(raw.url());

    const Outcome outcome = waitFor(m_client->logOut(QStringLiteral("token")));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::MalformedResponse));
    QVERIFY2(outcome.error.details.contains(QStringLiteral("1 MiB")), qPrintable(outcome.error.details));
}

void TestApiClient::oversizedAnswerWithoutLength()
{
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" +
                    QByteArray(3 * 1024 * 1024 / 2, ' '));
    m_client->setServerUrl(raw.url());

    const Outcome outcome = waitFor(m_client->logOut(QStringLiteral("token")));

    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::MalformedResponse));
    QVERIFY2(outcome.error.details.contains(QStringLiteral("1 MiB")), qPrintable(outcome.error.details));
}

void TestApiClient::redirectToOtherOriginNotFollowed()
{
    RawHttpServer other;
    QVERIFY(other.listen());
    other.setResponse(RawHttpServer::response(200, "application/json", emptySuccessEnvelope()));
    RawHttpServer redirecting;
    QVERIFY(redirecting.listen());
    redirecting.setResponse(
        QByteArrayLiteral("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:") +
        QByteArray::number(other.port()) +
        QByteArrayLiteral("/api/TokenAuth/LogOut\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    m_client->setServerUrl(redirecting.url());

    const Outcome outcome = waitFor(m_client->logOut(QStringLiteral("secret-access-token")));

    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(ApiError::kindName(outcome.error.kind), ApiError::kindName(Kind::ServerFault));
    QVERIFY(!outcome.error.isTransient());
    QCOMPARE(redirecting.requests().size(), 1);
    QVERIFY(other.requests().isEmpty());
}

void TestApiClient::caFileMissing()
{
    QString errorMessage;

    const bool added = m_client->addCaCertificatesFromFile(QStringLiteral("/nonexistent/ca.pem"), &errorMessage);

    QVERIFY(!added);
    QVERIFY(errorMessage.contains(QStringLiteral("/nonexistent/ca.pem")));
    QVERIFY(m_client->extraCaCertificates().isEmpty());
}

void TestApiClient::caFileWithoutCertificate()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("not-a-certificate.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello\n");
    file.close();
    QString errorMessage;

    const bool added = m_client->addCaCertificatesFromFile(path, &errorMessage);

    QVERIFY(!added);
    QVERIFY(!errorMessage.isEmpty());
    QVERIFY(m_client->extraCaCertificates().isEmpty());
}

void TestApiClient::caCertificatesKeepSystemCas()
{
    TestCertificates certificates;
    QVERIFY2(certificates.generate(), qPrintable(certificates.errorMessage()));
    QString errorMessage;
    QVERIFY2(m_client->addCaCertificatesFromFile(certificates.caCertificatePath(), &errorMessage),
             qPrintable(errorMessage));
    RawHttpServer raw;
    QVERIFY(raw.listen());
    raw.setResponse(RawHttpServer::response(200, "application/json", emptySuccessEnvelope()));
    m_client->setServerUrl(raw.url());
    QList<QSslCertificate> requestCas;
    connect(m_client->networkAccessManager(), &QNetworkAccessManager::finished, this,
            [&requestCas](QNetworkReply* reply) { requestCas = reply->request().sslConfiguration().caCertificates(); });

    waitFor(m_client->logOut(QStringLiteral("token")));

    QCOMPARE(m_client->extraCaCertificates().size(), 1);
    QVERIFY(requestCas.contains(m_client->extraCaCertificates().constFirst()));
    const QList<QSslCertificate> systemCas = QSslConfiguration::systemCaCertificates();
    for (const QSslCertificate& systemCa : systemCas)
        QVERIFY(requestCas.contains(systemCa));
}

void TestApiClient::httpsUntrustedThenTrusted()
{
    TestCertificates certificates;
    QVERIFY2(certificates.generate(), qPrintable(certificates.errorMessage()));
    FakeServer::Options options;
    options.tlsCertificatePath = certificates.serverCertificatePath();
    options.tlsKeyPath = certificates.serverKeyPath();
    QVERIFY(startFakeServer(options));
    QCOMPARE(m_server->url().scheme(), QStringLiteral("https"));

    const Outcome untrusted = waitFor(m_client->authenticate(credentials(m_plain)));
    QCOMPARE(ApiError::kindName(untrusted.error.kind), ApiError::kindName(Kind::TlsFailure));
    QVERIFY(untrusted.error.certificateRejected);
    QVERIFY(!untrusted.error.isTransient());
    QVERIFY(!untrusted.error.details.isEmpty());

    QString errorMessage;
    QVERIFY2(m_client->addCaCertificatesFromFile(certificates.caCertificatePath(), &errorMessage),
             qPrintable(errorMessage));
    const Outcome trusted = waitFor(m_client->authenticate(credentials(m_plain)));
    QCOMPARE(ApiError::kindName(trusted.error.kind), ApiError::kindName(Kind::None));
    QCOMPARE(trusted.authenticate.kind, AuthenticateResult::Kind::Tokens);
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
