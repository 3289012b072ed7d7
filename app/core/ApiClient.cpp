#include "ApiClient.h"

#include "LoggingCategories.h"
#include "RequestBody.h"
#include "ServerUrl.h"
#include "Version.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSysInfo>

namespace {

const QString authenticatePath = QStringLiteral("/api/TokenAuth/Authenticate");
const QString sendTwoFactorCodePath = QStringLiteral("/api/TokenAuth/SendTwoFactorAuthCode");
const QString refreshTokenPath = QStringLiteral("/api/TokenAuth/RefreshToken");
const QString logOutPath = QStringLiteral("/api/TokenAuth/LogOut");

QString operatingSystemName()
{
#if defined(Q_OS_LINUX)
    return QStringLiteral("Linux");
#elif defined(Q_OS_MACOS)
    return QStringLiteral("macOS");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows");
#else
    return QSysInfo::kernelType();
#endif
}

// A User-Agent product token allows no spaces, so "Denvr Sign-In" becomes "DenvrSignIn".
QString productToken()
{
    QString token;
    for (const QChar character : QStringLiteral(DENVR_PRODUCT_NAME)) {
        if (character.isLetterOrNumber())
            token.append(character);
    }
    return token;
}

// Reading the system store parses every certificate in it, so it is read once.
const QList<QSslCertificate>& systemCaCertificates()
{
    static const QList<QSslCertificate> certificates = QSslConfiguration::systemCaCertificates();
    return certificates;
}

// Returns an InsecureServer error when the server address fails
// ServerUrl::validate(), otherwise an error of kind None.
ApiError insecureServerError(const QUrl& serverUrl)
{
    ApiError error;
    const QString problem = ServerUrl::validate(serverUrl);
    if (!problem.isEmpty()) {
        error.kind = ApiError::Kind::InsecureServer;
        error.message = problem;
    }
    return error;
}

QByteArray jsonBody(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The system proxy configuration for one QNetworkAccessManager. In Qt 6.4 on
// Linux, systemProxyForQuery() returns the http_proxy proxy even for 127.0.0.1
// and localhost, so this factory connects to loopback hosts directly itself.
class SystemProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override
    {
        const QString host = query.peerHostName();
        const QHostAddress address(host);
        if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
            (!address.isNull() && address.isLoopback()))
            return {QNetworkProxy(QNetworkProxy::NoProxy)};

        return systemProxyForQuery(query);
    }
};

} // namespace

ApiClient::ApiClient(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // Redirects stay on the same scheme, host and port, so the bearer token
    // never follows a redirect to another origin.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

ApiClient::~ApiClient()
{
    // Calls still running end with Cancelled, so that finished() is emitted
    // exactly once even when the client goes first.
    const QList<ApiCall*> calls = findChildren<ApiCall*>(QString(), Qt::FindDirectChildrenOnly);
    for (ApiCall* call : calls)
        call->abort();
}

void ApiClient::setServerUrl(const QUrl& serverUrl)
{
    m_serverUrl = serverUrl;

    const QString problem = ServerUrl::validate(serverUrl);
    if (problem.isEmpty())
        qCInfo(lcApi).noquote() << QStringLiteral("Server set to %1").arg(ServerUrl::origin(serverUrl));
    else
        qCWarning(lcApi).noquote() << QStringLiteral("Server address rejected: %1").arg(problem);
}

void ApiClient::setTransferTimeout(int milliseconds)
{
    // QNetworkRequest reads 0 as "no timeout", and every request must have one.
    if (milliseconds <= 0) {
        qCWarning(lcApi) << "Ignoring transfer timeout" << milliseconds << "ms; keeping" << m_transferTimeoutMs << "ms";
        return;
    }

    m_transferTimeoutMs = milliseconds;
}

bool ApiClient::addCaCertificatesFromFile(const QString& pemPath, QString* errorMessage)
{
    QFile file(pemPath);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcApi).noquote() << QStringLiteral("Cannot read CA file %1: %2").arg(pemPath, file.errorString());
        if (errorMessage) {
            *errorMessage = QCoreApplication::translate(
                                "ApiError", "Could not read the certificate file %1: %2. Choose a readable PEM file.")
                                .arg(pemPath, file.errorString());
        }
        return false;
    }

    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        qCWarning(lcApi).noquote() << QStringLiteral("CA file %1 contains no PEM certificate").arg(pemPath);
        if (errorMessage) {
            *errorMessage =
                QCoreApplication::translate(
                    "ApiError", "The file %1 contains no PEM certificate. Choose the CA certificate in PEM format.")
                    .arg(pemPath);
        }
        return false;
    }

    m_extraCaCertificates.append(certificates);

    // QNetworkAccessManager reuses a cached connection to the same host with
    // the TLS configuration it was opened with, so the new CAs would be ignored.
    m_network->clearConnectionCache();
    qCInfo(lcApi).noquote()
        << QStringLiteral("Trusting %1 extra CA certificate(s) from %2").arg(certificates.size()).arg(pemPath);
    return true;
}

void ApiClient::setProxy(const QNetworkProxy& proxy)
{
    // Both setters replace what the other one set, and the manager deletes the old factory.
    if (proxy.type() == QNetworkProxy::DefaultProxy)
        m_network->setProxyFactory(new SystemProxyFactory);
    else
        m_network->setProxy(proxy);

    // A cached connection would keep going through the previous proxy.
    m_network->clearConnectionCache();

    if (proxy.type() == QNetworkProxy::DefaultProxy)
        qCInfo(lcApi) << "Proxy set to the system configuration";
    else if (proxy.type() == QNetworkProxy::NoProxy)
        qCInfo(lcApi) << "Proxy set to none";
    else
        qCInfo(lcApi).noquote() << QStringLiteral("Proxy set to %1:%2").arg(proxy.hostName()).arg(proxy.port());
}

ApiCall* ApiClient::authenticate(const AuthenticateRequest& request)
{
    const ApiCall::Endpoint endpoint = ApiCall::Endpoint::Authenticate;
    const ApiError insecure = insecureServerError(m_serverUrl);
    if (insecure.isError())
        return failedCall(endpoint, insecure);

    // The password goes into a body that is overwritten when the call ends.
    // singleSignIn and returnUrl stay out: singleSignIn without returnUrl fails on the server.
    auto* body = new RequestBody;
    body->addString(QLatin1String("userNameOrEmailAddress"), request.userNameOrEmailAddress);
    body->addString(QLatin1String("password"), request.password);
    body->addBool(QLatin1String("rememberClient"), request.rememberClient);
    if (!request.twoFactorVerificationCode.isEmpty())
        body->addString(QLatin1String("twoFactorVerificationCode"), request.twoFactorVerificationCode);
    if (!request.twoFactorRememberClientToken.isEmpty())
        body->addString(QLatin1String("twoFactorRememberClientToken"), request.twoFactorRememberClientToken);
    body->finish();

    QNetworkRequest networkRequest = buildRequest(authenticatePath);
    networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    ApiCall* call = startCall(endpoint, m_network->post(networkRequest, body));
    call->adoptRequestBody(body);
    return call;
}

ApiCall* ApiClient::sendTwoFactorCode(qint64 userId, const QString& provider)
{
    // Qt 6 stores a qint64 as an integer and writes all its digits, so ids above 2^53 survive.
    const QJsonObject body{
        {QStringLiteral("userId"), userId},
        {QStringLiteral("provider"), provider},
    };

    const ApiCall::Endpoint endpoint = ApiCall::Endpoint::SendTwoFactorCode;
    const ApiError insecure = insecureServerError(m_serverUrl);
    if (insecure.isError())
        return failedCall(endpoint, insecure);

    QNetworkRequest networkRequest = buildRequest(sendTwoFactorCodePath);
    networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return startCall(endpoint, m_network->post(networkRequest, jsonBody(body)));
}

ApiCall* ApiClient::refreshToken(const QString& refreshToken)
{
    const ApiCall::Endpoint endpoint = ApiCall::Endpoint::RefreshToken;
    const ApiError insecure = insecureServerError(m_serverUrl);
    if (insecure.isError())
        return failedCall(endpoint, insecure);

    // toPercentEncoding() encodes "+", "/" and "=" too, and StrictMode keeps
    // QUrl from decoding them again. A raw "+" would reach the server as a space.
    QNetworkRequest networkRequest = buildRequest(refreshTokenPath);
    QUrl url = networkRequest.url();
    url.setQuery(QStringLiteral("refreshToken=") + QString::fromLatin1(QUrl::toPercentEncoding(refreshToken)),
                 QUrl::StrictMode);
    networkRequest.setUrl(url);

    // The token travels in the query, so the body is empty.
    networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return startCall(endpoint, m_network->post(networkRequest, QByteArray()));
}

ApiCall* ApiClient::logOut(const QString& accessToken)
{
    const ApiCall::Endpoint endpoint = ApiCall::Endpoint::LogOut;
    const ApiError insecure = insecureServerError(m_serverUrl);
    if (insecure.isError())
        return failedCall(endpoint, insecure);

    QNetworkRequest networkRequest = buildRequest(logOutPath);
    networkRequest.setRawHeader(QByteArrayLiteral("Authorization"),
                                QByteArrayLiteral("Bearer ") + accessToken.toUtf8());
    return startCall(endpoint, m_network->get(networkRequest));
}

QByteArray ApiClient::userAgent()
{
    return QStringLiteral("%1/%2 (Qt %3; %4)")
        .arg(productToken(), QStringLiteral(DENVR_VERSION), QString::fromLatin1(qVersion()), operatingSystemName())
        .toUtf8();
}

QNetworkRequest ApiClient::buildRequest(const QString& path) const
{
    QUrl url = m_serverUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString());
    url.setFragment(QString());

    QNetworkRequest request(url);
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);

    // Sessions live in bearer tokens only: no cookie from one account may
    // reach the next sign-in, and no response comes from a cache.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    // Peer verification is never turned off.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_extraCaCertificates.isEmpty()) {
        // On Linux, Qt 6.4 loads the system CAs on demand, so defaultConfiguration()
        // lists none, and setCaCertificates() turns that loading off. The system
        // CAs therefore go into the list explicitly, next to the company CAs.
        tls.setCaCertificates(systemCaCertificates() + tls.caCertificates() + m_extraCaCertificates);
    }
    request.setSslConfiguration(tls);

    return request;
}

ApiCall* ApiClient::startCall(ApiCall::Endpoint endpoint, QNetworkReply* reply)
{
    qCDebug(lcApi).noquote() << QStringLiteral("%1 %2 sent")
                                    .arg(QString::fromLatin1(reply->operation() == QNetworkAccessManager::GetOperation
                                                                 ? "GET"
                                                                 : "POST"),
                                         reply->url().path());
    auto* call = new ApiCall(endpoint, reply, m_serverUrl, this);
    call->setDeadline(m_transferTimeoutMs);
    return call;
}

ApiCall* ApiClient::failedCall(ApiCall::Endpoint endpoint, const ApiError& error)
{
    auto* call = new ApiCall(endpoint, nullptr, m_serverUrl, this);
    call->finishLater(error);
    return call;
}
