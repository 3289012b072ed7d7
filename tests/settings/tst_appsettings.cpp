// AppSettings round trips: every setting's default, what a setter stores, and
// the values a validating setter rejects.

#include "AppSettings.h"
#include "ServerUrl.h"

#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {

using ServerChoice = AppSettings::ServerChoice;
using Mode = ProxySettings::Mode;

QSettings openSettings()
{
    return QSettings(QString::fromLatin1(AppSettings::OrganizationName),
                     QString::fromLatin1(AppSettings::ApplicationName));
}

ProxySettings manualProxy(const QString& host, quint16 port, const QString& userName)
{
    ProxySettings proxy;
    proxy.mode = Mode::Manual;
    proxy.host = host;
    proxy.port = port;
    proxy.userName = userName;
    return proxy;
}

} // namespace

class tst_AppSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void defaults();
    void serverChoice_data();
    void serverChoice();
    void customServerAccepted_data();
    void customServerAccepted();
    void customServerRejected_data();
    void customServerRejected();
    void defaultServerSetsChoice_data();
    void defaultServerSetsChoice();
    void proxyRoundTrip_data();
    void proxyRoundTrip();
    void proxyRejected_data();
    void proxyRejected();
    void proxyKeepsManualFields();
    void proxyPasswordKey();
    void proxyToNetworkProxy();
    void expiryWarningLead();
    void expiryWarningLeadRejectsNegative();
    void startupFlags();
    void trayIconStyleRoundTrip();
    void effectiveCaFilePrecedence();

private:
    QTemporaryDir m_configHome;
};

void tst_AppSettings::initTestCase()
{
    // QSettings reads XDG_CONFIG_HOME once, on first use, so it is set first.
    QVERIFY(m_configHome.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.path()));
    QVERIFY(openSettings().fileName().startsWith(m_configHome.path()));
}

void tst_AppSettings::init()
{
    openSettings().clear();
}

void tst_AppSettings::defaults()
{
    QCOMPARE(AppSettings::serverChoice(), ServerChoice::Production);
    QCOMPARE(AppSettings::defaultServer(), QUrl(QString::fromLatin1(ServerUrl::Production)));
    QVERIFY(AppSettings::customServer().isEmpty());
    QCOMPARE(AppSettings::proxySettings(), ProxySettings());
    QCOMPARE(AppSettings::proxySettings().mode, Mode::System);
    QCOMPARE(AppSettings::expiryWarningLeadSeconds(), 24 * 60 * 60);
    QCOMPARE(AppSettings::startAtLogin(), false);
    QCOMPARE(AppSettings::startMinimized(), false);
}

void tst_AppSettings::serverChoice_data()
{
    QTest::addColumn<ServerChoice>("choice");
    QTest::addColumn<QUrl>("expectedServer");

    const QUrl custom(QStringLiteral("https://denvr.example.com/base"));
    QTest::newRow("production") << ServerChoice::Production << QUrl(QString::fromLatin1(ServerUrl::Production));
    QTest::newRow("staging") << ServerChoice::Staging << QUrl(QString::fromLatin1(ServerUrl::Staging));
    QTest::newRow("custom") << ServerChoice::Custom << custom;
}

void tst_AppSettings::serverChoice()
{
    QFETCH(ServerChoice, choice);
    QFETCH(QUrl, expectedServer);

    QCOMPARE(AppSettings::setCustomServer(QUrl(QStringLiteral("https://denvr.example.com/base"))), QString());
    AppSettings::setServerChoice(choice);

    QCOMPARE(AppSettings::serverChoice(), choice);
    QCOMPARE(AppSettings::defaultServer(), expectedServer);
}

void tst_AppSettings::customServerAccepted_data()
{
    QTest::addColumn<QUrl>("server");

    QTest::newRow("https host") << QUrl(QStringLiteral("https://denvr.example.com"));
    QTest::newRow("https with port") << QUrl(QStringLiteral("https://denvr.example.com:8443"));
    QTest::newRow("http loopback") << QUrl(QStringLiteral("http://127.0.0.1:8080"));
    QTest::newRow("http localhost") << QUrl(QStringLiteral("http://localhost:8080"));
    QTest::newRow("http ipv6 loopback") << QUrl(QStringLiteral("http://[::1]:8080"));
}

void tst_AppSettings::customServerAccepted()
{
    QFETCH(QUrl, server);

    QCOMPARE(AppSettings::setCustomServer(server), QString());
    AppSettings::setServerChoice(ServerChoice::Custom);

    QCOMPARE(AppSettings::customServer(), server);
    QCOMPARE(AppSettings::defaultServer(), server);
}

void tst_AppSettings::customServerRejected_data()
{
    QTest::addColumn<QUrl>("server");

    QTest::newRow("http remote host") << QUrl(QStringLiteral("http://denvr.example.com"));
    QTest::newRow("ftp scheme") << QUrl(QStringLiteral("ftp://denvr.example.com"));
    QTest::newRow("empty") << QUrl();
    QTest::newRow("no host") << QUrl(QStringLiteral("https://"));
}

void tst_AppSettings::customServerRejected()
{
    QFETCH(QUrl, server);
    const QUrl previous(QStringLiteral("https://previous.example.com"));
    QCOMPARE(AppSettings::setCustomServer(previous), QString());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^custom server rejected: ")));
    const QString problem = AppSettings::setCustomServer(server);

    QVERIFY(!problem.isEmpty());
    QCOMPARE(problem, ServerUrl::validate(server));
    QCOMPARE(AppSettings::customServer(), previous);
}

void tst_AppSettings::defaultServerSetsChoice_data()
{
    QTest::addColumn<QUrl>("server");
    QTest::addColumn<ServerChoice>("expectedChoice");

    QTest::newRow("production") << QUrl(QString::fromLatin1(ServerUrl::Production)) << ServerChoice::Production;
    QTest::newRow("production with slash")
        << QUrl(QStringLiteral("https://api.cloud.denvrdata.com/")) << ServerChoice::Production;
    QTest::newRow("staging") << QUrl(QString::fromLatin1(ServerUrl::Staging)) << ServerChoice::Staging;
    QTest::newRow("other host") << QUrl(QStringLiteral("https://denvr.example.com")) << ServerChoice::Custom;
}

void tst_AppSettings::defaultServerSetsChoice()
{
    QFETCH(QUrl, server);
    QFETCH(ServerChoice, expectedChoice);

    AppSettings::setDefaultServer(server);

    QCOMPARE(AppSettings::serverChoice(), expectedChoice);
    QCOMPARE(ServerUrl::origin(AppSettings::defaultServer()), ServerUrl::origin(server));
}

void tst_AppSettings::proxyRoundTrip_data()
{
    QTest::addColumn<ProxySettings>("proxy");

    ProxySettings none;
    none.mode = Mode::None;

    QTest::newRow("system") << ProxySettings();
    QTest::newRow("none") << none;
    QTest::newRow("manual without user") << manualProxy(QStringLiteral("proxy.example.com"), 3128, QString());
    QTest::newRow("manual with user") << manualProxy(QStringLiteral("proxy.example.com"), 8080, QStringLiteral("ada"));
    QTest::newRow("manual ipv6") << manualProxy(QStringLiteral("::1"), 3128, QString());
}

void tst_AppSettings::proxyRoundTrip()
{
    QFETCH(ProxySettings, proxy);

    QCOMPARE(AppSettings::setProxySettings(proxy), QString());

    QCOMPARE(AppSettings::proxySettings(), proxy);
}

void tst_AppSettings::proxyRejected_data()
{
    QTest::addColumn<ProxySettings>("proxy");

    QTest::newRow("no host") << manualProxy(QString(), 3128, QString());
    QTest::newRow("blank host") << manualProxy(QStringLiteral("  "), 3128, QString());
    QTest::newRow("url as host") << manualProxy(QStringLiteral("http://proxy.example.com/"), 3128, QString());
    QTest::newRow("port zero") << manualProxy(QStringLiteral("proxy.example.com"), 0, QString());
}

void tst_AppSettings::proxyRejected()
{
    QFETCH(ProxySettings, proxy);
    const ProxySettings previous = manualProxy(QStringLiteral("previous.example.com"), 8080, QString());
    QCOMPARE(AppSettings::setProxySettings(previous), QString());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^proxy settings rejected: ")));
    const QString problem = AppSettings::setProxySettings(proxy);

    QVERIFY(!problem.isEmpty());
    QCOMPARE(AppSettings::proxySettings(), previous);
}

void tst_AppSettings::proxyKeepsManualFields()
{
    const ProxySettings manual = manualProxy(QStringLiteral("proxy.example.com"), 3128, QStringLiteral("ada"));
    QCOMPARE(AppSettings::setProxySettings(manual), QString());
    ProxySettings none;
    none.mode = Mode::None;

    QCOMPARE(AppSettings::setProxySettings(none), QString());

    const ProxySettings stored = AppSettings::proxySettings();
    QCOMPARE(stored.mode, Mode::None);
    QCOMPARE(stored.host, manual.host);
    QCOMPARE(stored.port, manual.port);
    QCOMPARE(stored.userName, manual.userName);
}

void tst_AppSettings::proxyPasswordKey()
{
    const ProxySettings proxy = manualProxy(QStringLiteral("proxy.example.com"), 3128, QStringLiteral("ada"));

    QCOMPARE(proxy.passwordKey(), QStringLiteral("proxy-password:proxy.example.com:3128:ada"));
}

void tst_AppSettings::proxyToNetworkProxy()
{
    ProxySettings none;
    none.mode = Mode::None;
    const ProxySettings manual = manualProxy(QStringLiteral("proxy.example.com"), 3128, QStringLiteral("ada"));
    const ProxySettings anonymous = manualProxy(QStringLiteral("proxy.example.com"), 3128, QString());

    QCOMPARE(ProxySettings().toNetworkProxy(QString()).type(), QNetworkProxy::DefaultProxy);
    QCOMPARE(none.toNetworkProxy(QString()).type(), QNetworkProxy::NoProxy);

    const QNetworkProxy networkProxy = manual.toNetworkProxy(QStringLiteral("secret"));
    QCOMPARE(networkProxy.type(), QNetworkProxy::HttpProxy);
    QCOMPARE(networkProxy.hostName(), QStringLiteral("proxy.example.com"));
    QCOMPARE(networkProxy.port(), quint16(3128));
    QCOMPARE(networkProxy.user(), QStringLiteral("ada"));
    QCOMPARE(networkProxy.password(), QStringLiteral("secret"));

    QCOMPARE(anonymous.toNetworkProxy(QStringLiteral("ignored")).password(), QString());
}

void tst_AppSettings::expiryWarningLead()
{
    QVERIFY(AppSettings::setExpiryWarningLeadSeconds(3600));
    QCOMPARE(AppSettings::expiryWarningLeadSeconds(), 3600);

    QVERIFY(AppSettings::setExpiryWarningLeadSeconds(0));
    QCOMPARE(AppSettings::expiryWarningLeadSeconds(), 0);
}

void tst_AppSettings::expiryWarningLeadRejectsNegative()
{
    QVERIFY(AppSettings::setExpiryWarningLeadSeconds(600));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^expiry warning lead -1 s rejected")));
    QVERIFY(!AppSettings::setExpiryWarningLeadSeconds(-1));

    QCOMPARE(AppSettings::expiryWarningLeadSeconds(), 600);
}

void tst_AppSettings::startupFlags()
{
    AppSettings::setStartAtLogin(true);
    AppSettings::setStartMinimized(true);
    QCOMPARE(AppSettings::startAtLogin(), true);
    QCOMPARE(AppSettings::startMinimized(), true);

    AppSettings::setStartAtLogin(false);
    QCOMPARE(AppSettings::startAtLogin(), false);
    QCOMPARE(AppSettings::startMinimized(), true);

    AppSettings::setStartMinimized(false);
    QCOMPARE(AppSettings::startMinimized(), false);
}

void tst_AppSettings::trayIconStyleRoundTrip()
{
    QCOMPARE(AppSettings::trayIconStyle(), AppSettings::TrayIconStyle::Colour);

    for (const auto style : {AppSettings::TrayIconStyle::MonochromeForLightPanel, AppSettings::TrayIconStyle::MonochromeForDarkPanel,
                             AppSettings::TrayIconStyle::Colour}) {
        AppSettings::setTrayIconStyle(style);
        QCOMPARE(AppSettings::trayIconStyle(), style);
    }
}

void tst_AppSettings::effectiveCaFilePrecedence()
{
    AppSettings::setCaFile(QStringLiteral("/etc/ssl/from-settings.pem"));
    qunsetenv("DENVR_CA_FILE");
    QCOMPARE(AppSettings::effectiveCaFile(QString()), QStringLiteral("/etc/ssl/from-settings.pem"));

    qputenv("DENVR_CA_FILE", "/etc/ssl/from-environment.pem");
    QCOMPARE(AppSettings::effectiveCaFile(QString()), QStringLiteral("/etc/ssl/from-environment.pem"));
    QCOMPARE(AppSettings::effectiveCaFile(QStringLiteral("/etc/ssl/from-option.pem")), QStringLiteral("/etc/ssl/from-option.pem"));

    qunsetenv("DENVR_CA_FILE");
    AppSettings::setCaFile(QString());
}

QTEST_GUILESS_MAIN(tst_AppSettings)
#include "tst_appsettings.moc"
