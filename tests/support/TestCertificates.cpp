#include "TestCertificates.h"

#include <QDir>
#include <QFile>
#include <QProcess>

bool TestCertificates::runOpenssl(const QStringList &arguments)
{
    QProcess openssl;
    openssl.setWorkingDirectory(m_directory.path());
    openssl.start(QStringLiteral("openssl"), arguments);

    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        m_errorMessage = QStringLiteral("openssl %1 failed: %2")
                             .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(openssl.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestCertificates::writeFile(const QString &name, const QByteArray &contents)
{
    QFile file(m_directory.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()) {
        m_errorMessage = QStringLiteral("cannot write %1").arg(file.fileName());
        return false;
    }
    return true;
}

bool TestCertificates::generate()
{
    if (!m_directory.isValid()) {
        m_errorMessage = QStringLiteral("cannot create a temporary directory");
        return false;
    }

    const bool caMade = runOpenssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                    QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                                    QStringLiteral("-subj"), QStringLiteral("/CN=Denvr Sign-In Test CA"),
                                    QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                    QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"),
                                    QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem")});
    if (!caMade)
        return false;

    const bool requestMade = runOpenssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                                         QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                                         QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"), QStringLiteral("server.csr")});
    if (!requestMade)
        return false;

    QFile extensions(m_directory.filePath(QStringLiteral("server.ext")));
    if (!extensions.open(QIODevice::WriteOnly)) {
        m_errorMessage = QStringLiteral("cannot write %1").arg(extensions.fileName());
        return false;
    }
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                     "extendedKeyUsage=serverAuth\n"
                     "basicConstraints=CA:FALSE\n");
    extensions.close();

    return runOpenssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                       QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                       QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-extfile"), QStringLiteral("server.ext"), QStringLiteral("-out"), QStringLiteral("server.pem")});
}

bool TestCertificates::generateRejectedVariants()
{
    // A name the certificate check compares with 127.0.0.1 and finds different.
    const bool wrongHostRequestMade = runOpenssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), QStringLiteral("server.key"),
                                                  QStringLiteral("-subj"), QStringLiteral("/CN=wrong.example"), QStringLiteral("-out"), QStringLiteral("wrong-host.csr")});
    if (!wrongHostRequestMade || !writeFile(QStringLiteral("wrong-host.ext"), "subjectAltName=DNS:wrong.example\n"
                                                                              "extendedKeyUsage=serverAuth\n"
                                                                              "basicConstraints=CA:FALSE\n"))
        return false;

    const bool wrongHostMade = runOpenssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("wrong-host.csr"),
                                           QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                                           QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                                           QStringLiteral("-extfile"), QStringLiteral("wrong-host.ext"), QStringLiteral("-out"), QStringLiteral("wrong-host.pem")});
    if (!wrongHostMade)
        return false;

    // "openssl x509 -req" of OpenSSL 3.0 sets no start date in the past, and
    // "openssl ca" does with -startdate and -enddate. It needs a small database.
    if (!QDir(m_directory.path()).mkpath(QStringLiteral("ca-db")) || !writeFile(QStringLiteral("ca-db/index.txt"), QByteArray())
        || !writeFile(QStringLiteral("ca-db/serial"), "1000\n"))
        return false;

    const QByteArray caConfiguration = "[ca]\n"
                                       "default_ca = test_ca\n"
                                       "[test_ca]\n"
                                       "database = ca-db/index.txt\n"
                                       "new_certs_dir = ca-db\n"
                                       "serial = ca-db/serial\n"
                                       "default_md = sha256\n"
                                       "policy = any_name\n"
                                       "[any_name]\n"
                                       "commonName = supplied\n"
                                       "[server_ext]\n"
                                       "subjectAltName = IP:127.0.0.1,DNS:localhost\n"
                                       "extendedKeyUsage = serverAuth\n"
                                       "basicConstraints = CA:FALSE\n";
    if (!writeFile(QStringLiteral("ca.cnf"), caConfiguration))
        return false;

    const bool expiredMade = runOpenssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"), QStringLiteral("-config"), QStringLiteral("ca.cnf"),
                                         QStringLiteral("-cert"), QStringLiteral("ca.pem"), QStringLiteral("-keyfile"), QStringLiteral("ca.key"),
                                         QStringLiteral("-in"), QStringLiteral("server.csr"), QStringLiteral("-extensions"), QStringLiteral("server_ext"),
                                         QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"), QStringLiteral("-enddate"), QStringLiteral("20200201000000Z"),
                                         QStringLiteral("-out"), QStringLiteral("expired.pem")});
    if (!expiredMade)
        return false;

    return runOpenssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-key"), QStringLiteral("server.key"),
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                       QStringLiteral("-addext"), QStringLiteral("extendedKeyUsage=serverAuth"),
                       QStringLiteral("-out"), QStringLiteral("untrusted.pem")});
}
