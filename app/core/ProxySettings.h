#pragma once

#include <QNetworkProxy>
#include <QString>

// The network proxy the user chose for API requests. The proxy password is
// not part of this value, because it lives in the keychain under passwordKey().
struct ProxySettings
{
    enum class Mode {
        System, // the desktop's or the environment's proxy configuration (the default)
        None,   // direct connections only
        Manual  // an HTTP proxy at host:port, optionally with a user name and password
    };

    Mode mode = Mode::System;
    QString host;     // Manual only
    quint16 port = 0; // Manual only
    QString userName; // Manual only, empty when the proxy needs no sign-in

    // Returns an empty string when the settings can be used, otherwise a
    // translated message naming the missing or invalid value.
    QString validate() const;

    // The keychain key of the password, "proxy-password:<host>:<port>:<user>",
    // so that each proxy and user name pair has an entry of its own.
    QString passwordKey() const;

    // The proxy for ApiClient::setProxy(): QNetworkProxy::DefaultProxy for
    // System, NoProxy for None, and an HttpProxy for Manual. The HttpProxy
    // carries the password only when userName is set.
    QNetworkProxy toNetworkProxy(const QString& password) const;

    // The names stored in the settings file: "system", "none" and "manual".
    // modeFromName() sets *ok to false and returns System for any other name.
    static QString modeName(Mode mode);
    static Mode modeFromName(const QString& name, bool* ok);

    friend bool operator==(const ProxySettings& left, const ProxySettings& right)
    {
        return left.mode == right.mode && left.host == right.host && left.port == right.port &&
               left.userName == right.userName;
    }
    friend bool operator!=(const ProxySettings& left, const ProxySettings& right) { return !(left == right); }
};
