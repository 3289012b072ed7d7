#pragma once

#include "KeychainStore.h"
#include "ProxySettings.h"

#include <QString>
#include <QUrl>

// Non-secret preferences kept in QSettings under the organization and
// application names. No password or token is ever written here.
class AppSettings
{
public:
    static constexpr const char *OrganizationName = "Denvr";
    static constexpr const char *ApplicationName = "denvr-signin";

    static constexpr int DefaultExpiryWarningLeadSeconds = 24 * 60 * 60;

    enum class ServerChoice { Production, Staging, Custom };

    // The server used when neither --server nor the dialog sets another: the
    // URL of serverChoice(). A Custom choice without a custom server falls back
    // to production.
    static QUrl defaultServer();
    // Sets the choice from the URL: the production or staging origin selects
    // that server, and any other URL becomes the custom server unchecked.
    static void setDefaultServer(const QUrl &server);

    // Production unless the user chose otherwise.
    static ServerChoice serverChoice();
    static void setServerChoice(ServerChoice choice);

    // The custom server URL, kept while another choice is active so that the
    // dialog can offer it again. It is empty until one is set.
    static QUrl customServer();
    // Stores server when it passes ServerUrl::validate(). Returns an empty
    // string on success, otherwise the translated problem, and then stores nothing.
    static QString setCustomServer(const QUrl &server);

    // The proxy choice without its password. The password is in the keychain
    // under ProxySettings::passwordKey().
    static ProxySettings proxySettings();
    // Stores proxy when it passes ProxySettings::validate(). Returns an empty
    // string on success, otherwise the translated problem, and then stores nothing.
    static QString setProxySettings(const ProxySettings &proxy);

    // Stores proxy with setProxySettings() and writes password to keychain
    // under proxy.passwordKey(). That entry is removed instead when the
    // password or the user name is empty or the mode is not Manual. The entry
    // of the previously stored proxy is removed when the key changes.
    // callback receives the keychain outcome of the new entry, or an
    // OtherError outcome with the translated problem when proxy is invalid.
    // The same rules as for KeychainStore::write() apply to context and callback.
    static void saveProxy(const ProxySettings &proxy, const QString &password, KeychainStore *keychain,
                          QObject *context, KeychainStore::Callback callback);

    // How many seconds before the session ends the user is warned
    // (Session::setExpiryWarningLead). The default is 24 h.
    static int expiryWarningLeadSeconds();
    // Returns false and stores nothing when seconds is negative.
    static bool setExpiryWarningLeadSeconds(int seconds);

    // Whether the user wants the app started at login. The autostart entry
    // itself is written by Autostart::setEnabled(), and Autostart::isEnabled()
    // reports whether it exists.
    static bool startAtLogin();
    static void setStartAtLogin(bool enabled);

    // Whether the app starts with only its tray icon, without opening a window.
    static bool startMinimized();
    static void setStartMinimized(bool enabled);

    // The tray icon set: in colour, or in one colour for a light or a dark
    // panel, since a tray cannot tell the app which panel it sits on.
    enum class TrayIconStyle { Colour, MonochromeForLightPanel, MonochromeForDarkPanel };
    static TrayIconStyle trayIconStyle();
    static void setTrayIconStyle(TrayIconStyle style);

    // The user who last signed in to server, so a restart can find the session.
    static QString lastUserName(const QUrl &server);
    static void setLastUserName(const QUrl &server, const QString &userName);

    // A PEM file of extra CA certificates to trust (a company CA); empty for none.
    static QString caFile();

    // The CA file a program trusts: commandLineValue when it is not empty,
    // else the DENVR_CA_FILE environment variable, else caFile().
    static QString effectiveCaFile(const QString &commandLineValue);
    static void setCaFile(const QString &path);
};
