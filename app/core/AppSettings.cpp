#include "AppSettings.h"

#include "LoggingCategories.h"
#include "ServerUrl.h"

#include <QSettings>

namespace {

QString serverGroup(const QUrl &server)
{
    // QSettings treats '/' as a group separator, so the origin is percent-encoded.
    return QStringLiteral("servers/") + QString::fromLatin1(ServerUrl::origin(server).toUtf8().toPercentEncoding());
}

QSettings openSettings()
{
    return QSettings(QString::fromLatin1(AppSettings::OrganizationName),
                     QString::fromLatin1(AppSettings::ApplicationName));
}

const QString serverChoiceKey = QStringLiteral("server/choice");
const QString customServerKey = QStringLiteral("server/customUrl");
const QString proxyModeKey = QStringLiteral("proxy/mode");
const QString proxyHostKey = QStringLiteral("proxy/host");
const QString proxyPortKey = QStringLiteral("proxy/port");
const QString proxyUserNameKey = QStringLiteral("proxy/userName");
const QString expiryWarningLeadKey = QStringLiteral("session/expiryWarningLeadSeconds");
const QString startAtLoginKey = QStringLiteral("startup/atLogin");
const QString startMinimizedKey = QStringLiteral("startup/minimized");
const QString trayIconStyleKey = QStringLiteral("tray/iconStyle");

QString serverChoiceName(AppSettings::ServerChoice choice)
{
    switch (choice) {
    case AppSettings::ServerChoice::Production:
        return QStringLiteral("production");
    case AppSettings::ServerChoice::Staging:
        return QStringLiteral("staging");
    case AppSettings::ServerChoice::Custom:
        return QStringLiteral("custom");
    }
    return QStringLiteral("production");
}

} // namespace

QUrl AppSettings::defaultServer()
{
    switch (serverChoice()) {
    case ServerChoice::Production:
        break;
    case ServerChoice::Staging:
        return QUrl(QString::fromLatin1(ServerUrl::Staging));
    case ServerChoice::Custom: {
        const QUrl custom = customServer();
        if (!custom.isEmpty())
            return custom;
        qCWarning(lcSettings) << "custom server chosen but none stored; using production";
        break;
    }
    }

    return QUrl(QString::fromLatin1(ServerUrl::Production));
}

void AppSettings::setDefaultServer(const QUrl &server)
{
    const QString origin = ServerUrl::origin(server);
    if (origin == QLatin1String(ServerUrl::Production)) {
        setServerChoice(ServerChoice::Production);
        return;
    }
    if (origin == QLatin1String(ServerUrl::Staging)) {
        setServerChoice(ServerChoice::Staging);
        return;
    }

    openSettings().setValue(customServerKey, server.toString());
    setServerChoice(ServerChoice::Custom);
    qCInfo(lcSettings) << "custom server set to" << origin;
}

AppSettings::ServerChoice AppSettings::serverChoice()
{
    const QString stored = openSettings().value(serverChoiceKey).toString();
    if (stored.isEmpty())
        return ServerChoice::Production;

    const ServerChoice choices[] = {ServerChoice::Production, ServerChoice::Staging, ServerChoice::Custom};
    for (const ServerChoice choice : choices) {
        if (stored == serverChoiceName(choice))
            return choice;
    }

    qCWarning(lcSettings) << "unknown server choice" << stored << "in the settings; using production";
    return ServerChoice::Production;
}

void AppSettings::setServerChoice(ServerChoice choice)
{
    openSettings().setValue(serverChoiceKey, serverChoiceName(choice));
    qCInfo(lcSettings) << "server choice set to" << serverChoiceName(choice);
}

QUrl AppSettings::customServer()
{
    return QUrl(openSettings().value(customServerKey).toString());
}

QString AppSettings::setCustomServer(const QUrl &server)
{
    const QString problem = ServerUrl::validate(server);
    if (!problem.isEmpty()) {
        qCWarning(lcSettings).noquote() << QStringLiteral("custom server rejected: %1").arg(problem);
        return problem;
    }

    openSettings().setValue(customServerKey, server.toString());
    qCInfo(lcSettings) << "custom server set to" << ServerUrl::origin(server);
    return QString();
}

ProxySettings AppSettings::proxySettings()
{
    QSettings settings = openSettings();

    ProxySettings proxy;
    const QString modeName = settings.value(proxyModeKey).toString();
    if (!modeName.isEmpty()) {
        bool known = false;
        proxy.mode = ProxySettings::modeFromName(modeName, &known);
        if (!known)
            qCWarning(lcSettings) << "unknown proxy mode" << modeName << "in the settings; using the system proxy";
    }

    proxy.host = settings.value(proxyHostKey).toString();
    const uint port = settings.value(proxyPortKey).toUInt();
    if (port > 65535)
        qCWarning(lcSettings) << "invalid proxy port" << port << "in the settings; leaving the port unset";
    else
        proxy.port = static_cast<quint16>(port);

    proxy.userName = settings.value(proxyUserNameKey).toString();
    return proxy;
}

QString AppSettings::setProxySettings(const ProxySettings &proxy)
{
    const QString problem = proxy.validate();
    if (!problem.isEmpty()) {
        qCWarning(lcSettings).noquote() << QStringLiteral("proxy settings rejected: %1").arg(problem);
        return problem;
    }

    // Host, port and user name stay stored under System and None, so that
    // switching back to Manual finds them again.
    QSettings settings = openSettings();
    settings.setValue(proxyModeKey, ProxySettings::modeName(proxy.mode));
    if (proxy.mode == ProxySettings::Mode::Manual) {
        settings.setValue(proxyHostKey, proxy.host);
        settings.setValue(proxyPortKey, proxy.port);
        settings.setValue(proxyUserNameKey, proxy.userName);
    }

    qCInfo(lcSettings).noquote() << QStringLiteral("proxy set to %1 %2:%3")
                                        .arg(ProxySettings::modeName(proxy.mode), proxy.host)
                                        .arg(proxy.port);
    return QString();
}

void AppSettings::saveProxy(const ProxySettings &proxy, const QString &password, KeychainStore *keychain,
                            QObject *context, KeychainStore::Callback callback)
{
    const ProxySettings previous = proxySettings();

    const QString problem = setProxySettings(proxy);
    if (!problem.isEmpty()) {
        KeychainStore::Outcome rejected;
        rejected.status = KeychainStore::Status::OtherError;
        rejected.errorString = problem;
        QObject *receiver = context ? context : keychain;
        QMetaObject::invokeMethod(
            receiver, [callback, rejected] { callback(rejected); }, Qt::QueuedConnection);
        return;
    }

    // The old entry would otherwise stay in the keychain with nothing pointing to it.
    if (!previous.host.isEmpty() && previous.passwordKey() != proxy.passwordKey()) {
        keychain->remove(previous.passwordKey(), nullptr, [](const KeychainStore::Outcome &outcome) {
            if (!outcome.ok() && outcome.status != KeychainStore::Status::NotFound)
                qCWarning(lcSettings) << "could not remove the old proxy password:" << outcome.errorString;
        });
    }

    if (proxy.mode != ProxySettings::Mode::Manual || proxy.userName.isEmpty() || password.isEmpty()) {
        keychain->remove(proxy.passwordKey(), context, [callback](const KeychainStore::Outcome &outcome) {
            if (outcome.status == KeychainStore::Status::NotFound) {
                callback(KeychainStore::Outcome());
                return;
            }
            callback(outcome);
        });
        return;
    }

    keychain->write(proxy.passwordKey(), password.toUtf8(), context, [callback](const KeychainStore::Outcome &outcome) {
        if (outcome.ok())
            qCInfo(lcSettings) << "proxy password stored in the keychain";
        else
            qCWarning(lcSettings) << "could not store the proxy password:" << outcome.errorString;
        callback(outcome);
    });
}

int AppSettings::expiryWarningLeadSeconds()
{
    bool ok = false;
    const int seconds = openSettings().value(expiryWarningLeadKey, DefaultExpiryWarningLeadSeconds).toInt(&ok);
    if (!ok || seconds < 0) {
        qCWarning(lcSettings) << "invalid expiry warning lead in the settings; using" << DefaultExpiryWarningLeadSeconds
                              << "s";
        return DefaultExpiryWarningLeadSeconds;
    }
    return seconds;
}

bool AppSettings::setExpiryWarningLeadSeconds(int seconds)
{
    if (seconds < 0) {
        qCWarning(lcSettings) << "expiry warning lead" << seconds << "s rejected: it must not be negative";
        return false;
    }

    openSettings().setValue(expiryWarningLeadKey, seconds);
    qCInfo(lcSettings) << "expiry warning lead set to" << seconds << "s";
    return true;
}

bool AppSettings::startAtLogin()
{
    return openSettings().value(startAtLoginKey, false).toBool();
}

void AppSettings::setStartAtLogin(bool enabled)
{
    openSettings().setValue(startAtLoginKey, enabled);
    qCInfo(lcSettings) << "start at login set to" << enabled;
}

bool AppSettings::startMinimized()
{
    return openSettings().value(startMinimizedKey, false).toBool();
}

void AppSettings::setStartMinimized(bool enabled)
{
    openSettings().setValue(startMinimizedKey, enabled);
    qCInfo(lcSettings) << "start minimized set to" << enabled;
}

AppSettings::TrayIconStyle AppSettings::trayIconStyle()
{
    const QString stored = openSettings().value(trayIconStyleKey).toString();
    if (stored == QLatin1String("mono-light"))
        return TrayIconStyle::MonochromeForLightPanel;
    if (stored == QLatin1String("mono-dark"))
        return TrayIconStyle::MonochromeForDarkPanel;
    return TrayIconStyle::Colour;
}

void AppSettings::setTrayIconStyle(TrayIconStyle style)
{
    QString stored = QStringLiteral("colour");
    if (style == TrayIconStyle::MonochromeForLightPanel)
        stored = QStringLiteral("mono-light");
    else if (style == TrayIconStyle::MonochromeForDarkPanel)
        stored = QStringLiteral("mono-dark");

    openSettings().setValue(trayIconStyleKey, stored);
    qCInfo(lcSettings) << "tray icon style set to" << stored;
}

QString AppSettings::lastUserName(const QUrl &server)
{
    return openSettings().value(serverGroup(server) + QStringLiteral("/lastUserName")).toString();
}

void AppSettings::setLastUserName(const QUrl &server, const QString &userName)
{
    openSettings().setValue(serverGroup(server) + QStringLiteral("/lastUserName"), userName);
}

QString AppSettings::caFile()
{
    return openSettings().value(QStringLiteral("caFile")).toString();
}

QString AppSettings::effectiveCaFile(const QString &commandLineValue)
{
    if (!commandLineValue.isEmpty())
        return commandLineValue;

    const QString fromEnvironment = qEnvironmentVariable("DENVR_CA_FILE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;

    return caFile();
}

void AppSettings::setCaFile(const QString &path)
{
    openSettings().setValue(QStringLiteral("caFile"), path);
}
