#pragma once

#include <QString>
#include <QTemporaryDir>

// A throwaway certificate authority and a server certificate for 127.0.0.1
// signed by it, made with the openssl command line during the test.
class TestCertificates
{
public:
    // Generates the files; returns false and fills errorMessage() on failure.
    bool generate();

    QString caCertificatePath() const { return m_directory.filePath(QStringLiteral("ca.pem")); }
    QString serverCertificatePath() const { return m_directory.filePath(QStringLiteral("server.pem")); }
    QString serverKeyPath() const { return m_directory.filePath(QStringLiteral("server.key")); }
    QString errorMessage() const { return m_errorMessage; }

    // Generates, after generate(), three server certificates for serverKeyPath()
    // that a client trusting only caCertificatePath() must reject. The CA signed
    // the first for the host name wrong.example instead of 127.0.0.1, and the
    // second for 127.0.0.1 but valid only in January 2020. The third is
    // self-signed for 127.0.0.1.
    bool generateRejectedVariants();

    QString wrongHostCertificatePath() const { return m_directory.filePath(QStringLiteral("wrong-host.pem")); }
    QString expiredCertificatePath() const { return m_directory.filePath(QStringLiteral("expired.pem")); }
    QString untrustedCertificatePath() const { return m_directory.filePath(QStringLiteral("untrusted.pem")); }

private:
    bool runOpenssl(const QStringList &arguments);
    bool writeFile(const QString &name, const QByteArray &contents);

    QTemporaryDir m_directory;
    QString m_errorMessage;
};
