// The proxy password goes to the keychain and never into the settings file.
// Runs against the real Secret Service under its own service name.

#include "AppSettings.h"
#include "KeychainStore.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Status = KeychainStore::Status;

QSettings openSettings()
{
    return QSettings(QString::fromLatin1(AppSettings::OrganizationName),
                     QString::fromLatin1(AppSettings::ApplicationName));
}

ProxySettings manualProxy(const QString& userName)
{
    ProxySettings proxy;
    proxy.mode = ProxySettings::Mode::Manual;
    proxy.host = QStringLiteral("proxy.example.com");
    proxy.port = 3128;
    proxy.userName = userName;
    return proxy;
}

} // namespace

class tst_ProxyPassword : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void passwordInKeychain();
    void passwordNotInSettingsFile();
    void emptyPasswordRemovesEntry();
    void changedUserRemovesOldEntry();
    void invalidProxyRejected();

private:
    Status save(const ProxySettings& proxy, const QString& password, QString* errorString = nullptr);
    KeychainStore::Outcome read(const QString& key);

    QTemporaryDir m_configHome;
    QString m_serviceName;
    KeychainStore* m_keychain = nullptr;
};

void tst_ProxyPassword::initTestCase()
{
    QVERIFY(m_configHome.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.path()));

    m_serviceName = QStringLiteral("denvr-test-proxypassword-%1").arg(QCoreApplication::applicationPid());
    m_keychain = new KeychainStore(m_serviceName, this);
}

void tst_ProxyPassword::init()
{
    openSettings().clear();
}

void tst_ProxyPassword::cleanupTestCase()
{
    // Removes what a failed test may have left in the test keyring.
    QProcess::execute(QStringLiteral("secret-tool"),
                      {QStringLiteral("clear"), QStringLiteral("server"), m_serviceName});
}

Status tst_ProxyPassword::save(const ProxySettings& proxy, const QString& password, QString* errorString)
{
    QList<KeychainStore::Outcome> outcomes;
    AppSettings::saveProxy(proxy, password, m_keychain, this,
                           [&outcomes](const KeychainStore::Outcome& outcome) { outcomes.append(outcome); });
    if (!QTest::qWaitFor([&outcomes] { return !outcomes.isEmpty(); }, 15000))
        return Status::TimedOut;

    if (errorString)
        *errorString = outcomes.first().errorString;
    return outcomes.first().status;
}

KeychainStore::Outcome tst_ProxyPassword::read(const QString& key)
{
    QList<KeychainStore::Outcome> outcomes;
    m_keychain->read(key, this, [&outcomes](const KeychainStore::Outcome& outcome) { outcomes.append(outcome); });
    if (!QTest::qWaitFor([&outcomes] { return !outcomes.isEmpty(); }, 15000)) {
        KeychainStore::Outcome timedOut;
        timedOut.status = Status::TimedOut;
        return timedOut;
    }
    return outcomes.first();
}

void tst_ProxyPassword::passwordInKeychain()
{
    const ProxySettings proxy = manualProxy(QStringLiteral("ada"));

    QCOMPARE(save(proxy, QStringLiteral("keychain-only-3f9a")), Status::Ok);

    const KeychainStore::Outcome stored = read(QStringLiteral("proxy-password:proxy.example.com:3128:ada"));
    QCOMPARE(stored.status, Status::Ok);
    QCOMPARE(stored.data, QByteArray("keychain-only-3f9a"));
    QCOMPARE(AppSettings::proxySettings(), proxy);
}

void tst_ProxyPassword::passwordNotInSettingsFile()
{
    const QByteArray password = "settings-never-7c21";

    QCOMPARE(save(manualProxy(QStringLiteral("ada")), QString::fromLatin1(password)), Status::Ok);

    QSettings settings = openSettings();
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains("proxy.example.com"));
    QVERIFY(!contents.contains(password));
    QVERIFY(!contents.contains(password.toBase64()));
}

void tst_ProxyPassword::emptyPasswordRemovesEntry()
{
    const ProxySettings proxy = manualProxy(QStringLiteral("ada"));
    QCOMPARE(save(proxy, QStringLiteral("short-lived")), Status::Ok);

    QCOMPARE(save(proxy, QString()), Status::Ok);

    QCOMPARE(read(proxy.passwordKey()).status, Status::NotFound);
}

void tst_ProxyPassword::changedUserRemovesOldEntry()
{
    const ProxySettings first = manualProxy(QStringLiteral("ada"));
    const ProxySettings second = manualProxy(QStringLiteral("grace"));
    QCOMPARE(save(first, QStringLiteral("first-password")), Status::Ok);

    QCOMPARE(save(second, QStringLiteral("second-password")), Status::Ok);

    QCOMPARE(read(first.passwordKey()).status, Status::NotFound);
    QCOMPARE(read(second.passwordKey()).data, QByteArray("second-password"));
}

void tst_ProxyPassword::invalidProxyRejected()
{
    ProxySettings noHost = manualProxy(QStringLiteral("ada"));
    noHost.host.clear();
    QString errorString;

    QCOMPARE(save(noHost, QStringLiteral("unused"), &errorString), Status::OtherError);

    QVERIFY(!errorString.isEmpty());
    QCOMPARE(AppSettings::proxySettings().mode, ProxySettings::Mode::System);
}

QTEST_GUILESS_MAIN(tst_ProxyPassword)
#include "tst_proxypassword.moc"
