#pragma once

#include "ApiCall.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkProxy;

struct AuthenticateRequest
{
    QString userNameOrEmailAddress;
    QString password;
    bool rememberClient = false;
    QString twoFactorVerificationCode;       // empty on the first step
    QString twoFactorRememberClientToken;    // empty unless this device was remembered
};

// Asynchronous client of the DenvrCloud TokenAuth endpoints. One
// QNetworkAccessManager serves every call; each call has a transfer timeout,
// a User-Agent naming the product and version, and never logs a secret.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTransferTimeoutMs = 20000;   // 20 s for every request, in total

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    // The server's base URL, such as https://api.cloud.denvrdata.com. Calls made
    // while it fails ServerUrl::validate() finish with an InsecureServer error.
    void setServerUrl(const QUrl &serverUrl);
    QUrl serverUrl() const { return m_serverUrl; }

    // Maximum time in ms that a request may go without any data transferred
    // (QNetworkRequest::setTransferTimeout), and may take in total
    // (ApiCall::setDeadline), before it fails with Timeout. Values <= 0 are ignored.
    void setTransferTimeout(int milliseconds);
    int transferTimeout() const { return m_transferTimeoutMs; }

    // Trusts the certificates of a PEM file (a company CA) in addition to the
    // system's. Returns false and fills *errorMessage when the file cannot be
    // read or contains no certificate.
    bool addCaCertificatesFromFile(const QString &pemPath, QString *errorMessage);
    QList<QSslCertificate> extraCaCertificates() const { return m_extraCaCertificates; }

    // Routes every later request through proxy. QNetworkProxy::DefaultProxy
    // selects the system configuration (QNetworkProxyFactory::systemProxyForQuery)
    // for this client only, with loopback servers always reached directly.
    // NoProxy connects directly, and an HttpProxy is used as given, with its
    // user and password. Until this is called, the application-wide proxy applies.
    void setProxy(const QNetworkProxy &proxy);

    ApiCall *authenticate(const AuthenticateRequest &request);
    ApiCall *sendTwoFactorCode(qint64 userId, const QString &provider);
    ApiCall *refreshToken(const QString &refreshToken);
    ApiCall *logOut(const QString &accessToken);

    QNetworkAccessManager *networkAccessManager() const { return m_network; }

    static QByteArray userAgent();

private:
    QNetworkRequest buildRequest(const QString &path) const;
    ApiCall *startCall(ApiCall::Endpoint endpoint, QNetworkReply *reply);
    ApiCall *failedCall(ApiCall::Endpoint endpoint, const ApiError &error);

    QNetworkAccessManager *m_network;
    QUrl m_serverUrl;
    int m_transferTimeoutMs = DefaultTransferTimeoutMs;
    QList<QSslCertificate> m_extraCaCertificates;
};
