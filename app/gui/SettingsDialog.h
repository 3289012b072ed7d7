#pragma once

#include "ProxySettings.h"

#include <QDialog>
#include <QNetworkProxy>
#include <QUrl>

#include <memory>

class Autostart;
class KeychainStore;
class QPushButton;

namespace Ui {
class SettingsDialog;
}

// The settings of the app: the server, the network proxy, the warning lead
// before the session ends, start at login and start minimized. Save writes
// the non-secret values with AppSettings and the proxy password to the
// keychain, never to the settings file, and emits a signal for each value
// the running app must apply.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // autostart and keychain may be nullptr, which disables "Start at login"
    // and the proxy password. Both must outlive the dialog.
    SettingsDialog(Autostart* autostart, KeychainStore* keychain, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    // Fills the form from AppSettings and the autostart entry.
    void load();

    // The server of the current choice, or an empty URL when the custom URL is invalid.
    QUrl chosenServer() const;
    ProxySettings chosenProxy() const;

    // Returns whether the form can be saved. When it cannot, the reason
    // shows beside the field and, when reason is not nullptr, in *reason.
    bool validate(QString* reason = nullptr);

    QPushButton* saveButton() const;
    QString serverError() const;
    QString proxyError() const;
    QString generalError() const;

signals:
    // The user chose another server than the one load() found.
    void serverChanged(const QUrl& server);
    void expiryWarningLeadChanged(int seconds);
    void autostartChanged(bool enabled);
    void trayIconStyleChanged();

    // The proxy to route API requests through, with its password.
    void proxyChanged(const QNetworkProxy& proxy);

    // Save finished: every value is stored, the proxy password included.
    void saved();

private:
    void save();
    bool saveAutostart();
    void finishSave(const QUrl& server);
    void updateEnabledFields();
    void setBusy(bool busy);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    Autostart* m_autostart;
    KeychainStore* m_keychain;
    ProxySettings m_loadedProxy;
    QUrl m_loadedServer;
};
