#pragma once

#include "KeychainStore.h"

#include <QString>
#include <QUrl>

#include <memory>

class ApiClient;
class AppController;
class QLineEdit;
class Session;
class SignInDialog;
class TrayController;

// One Denvr Sign-In app for a GUI test: the real ApiClient, KeychainStore,
// Session and AppController, wired as denvr-signin wires them, with the
// keychain entries under a service name of the test's own.
class AppHarness
{
public:
    explicit AppHarness(const QString& keychainService);
    ~AppHarness();

    // Creates the app and starts it on server, which restores the session of
    // the last user who signed in there.
    void start(const QUrl& server);

    // Destroys the app as a quit does, leaving the keychain entries in place.
    void stop();

    bool isRunning() const { return m_controller != nullptr; }

    Session* session() const { return m_session.get(); }
    ApiClient* client() const { return m_client.get(); }
    KeychainStore* keychain() const { return m_keychain.get(); }
    AppController* controller() const { return m_controller.get(); }
    SignInDialog* signInDialog() const;
    TrayController* tray() const;
    QLineEdit* signInField(const char* objectName) const;

    // Waits for the sign-in dialog, types the user name and the password as a
    // user does, and presses Enter. Returns false when the dialog did not
    // become active within 5 s.
    bool submitSignIn(const QString& userName, const QString& password);

    // Reads key from the keychain and returns the status: TimedOut when the
    // keychain job did not finish within 15 s.
    KeychainStore::Status keychainStatus(const QString& key);

    // Deletes key from the keychain and waits until the job finishes. Returns
    // whether the entry is gone, which includes an entry that did not exist.
    bool removeKeychainEntry(const QString& key);

private:
    QString m_keychainService;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<KeychainStore> m_keychain;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<AppController> m_controller;
};
