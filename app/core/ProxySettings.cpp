#include "ProxySettings.h"

#include <QCoreApplication>

QString ProxySettings::validate() const
{
    if (mode != Mode::Manual)
        return QString();

    if (host.trimmed().isEmpty())
        return QCoreApplication::translate("ProxySettings",
                                           "The proxy host is missing. Enter the proxy's host name or address.");

    if (host.contains(QLatin1Char('/')) || host.trimmed() != host) {
        return QCoreApplication::translate("ProxySettings",
                                           "The proxy host \"%1\" is invalid. Enter a host name or address without "
                                           "a scheme, path or spaces.")
            .arg(host);
    }

    if (port == 0)
        return QCoreApplication::translate("ProxySettings", "The proxy port is missing. Enter a port from 1 to 65535.");

    return QString();
}

QString ProxySettings::passwordKey() const
{
    return QStringLiteral("proxy-password:%1:%2:%3").arg(host).arg(port).arg(userName);
}

QNetworkProxy ProxySettings::toNetworkProxy(const QString& password) const
{
    switch (mode) {
    case Mode::System:
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    case Mode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case Mode::Manual:
        break;
    }

    QNetworkProxy proxy(QNetworkProxy::HttpProxy, host, port);
    if (!userName.isEmpty()) {
        proxy.setUser(userName);
        proxy.setPassword(password);
    }
    return proxy;
}

QString ProxySettings::modeName(Mode mode)
{
    switch (mode) {
    case Mode::System:
        return QStringLiteral("system");
    case Mode::None:
        return QStringLiteral("none");
    case Mode::Manual:
        return QStringLiteral("manual");
    }
    return QStringLiteral("system");
}

ProxySettings::Mode ProxySettings::modeFromName(const QString& name, bool* ok)
{
    const Mode modes[] = {Mode::System, Mode::None, Mode::Manual};
    for (const Mode mode : modes) {
        if (name == modeName(mode)) {
            if (ok)
                *ok = true;
            return mode;
        }
    }

    if (ok)
        *ok = false;
    return Mode::System;
}
