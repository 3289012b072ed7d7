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

private:
    bool runOpenssl(const QStringList &arguments);

    QTemporaryDir m_directory;
    QString m_errorMessage;
};
