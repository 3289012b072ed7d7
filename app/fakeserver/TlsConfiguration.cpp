#include "TlsConfiguration.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace {

bool readFile(const QString& path, const QString& option, QByteArray* contents, QString* errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *errorMessage = QStringLiteral("cannot read --%1 file '%2': %3. Pass a readable PEM file.")
                            .arg(option, path, file.errorString());
        return false;
    }
    *contents = file.readAll();
    return true;
}

// QSslKey needs the key algorithm up front, so each supported one is tried in turn.
QSslKey parsePrivateKey(const QByteArray& pem)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa, QSsl::Dh}) {
        const QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

std::optional<QSslConfiguration> loadTlsConfiguration(const QString& certificatePath, const QString& keyPath,
                                                      QString* errorMessage)
{
    if (!QSslSocket::supportsSsl()) {
        *errorMessage = QStringLiteral("TLS is not available: Qt found no TLS backend with SSL support "
                                       "(install OpenSSL 3) or leave out --tls-cert and --tls-key.");
        return std::nullopt;
    }

    QByteArray certificatePem;
    QByteArray keyPem;
    if (!readFile(certificatePath, QStringLiteral("tls-cert"), &certificatePem, errorMessage) ||
        !readFile(keyPath, QStringLiteral("tls-key"), &keyPem, errorMessage)) {
        return std::nullopt;
    }

    const QList<QSslCertificate> certificates = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.constFirst().isNull()) {
        *errorMessage = QStringLiteral("invalid --tls-cert file '%1': it contains no PEM certificate. "
                                       "Pass a file with a \"BEGIN CERTIFICATE\" block.")
                            .arg(certificatePath);
        return std::nullopt;
    }

    const QSslKey key = parsePrivateKey(keyPem);
    if (key.isNull()) {
        *errorMessage = QStringLiteral("invalid --tls-key file '%1': it contains no unencrypted PEM private key "
                                       "(RSA, EC, DSA or DH). Pass the key of the --tls-cert certificate.")
                            .arg(keyPath);
        return std::nullopt;
    }

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(certificates);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}
