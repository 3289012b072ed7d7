#pragma once

#include "ApiClient.h"
#include "AuthCommandLine.h"
#include "KeychainStore.h"
#include "StoredSession.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class Session;

// The state that every command shares: the options, the API client with the extra CA
// certificates, the keychain under the app's service name, and the server
// and user whose session the command works on.
class CommandContext
{
public:
    explicit CommandContext(const AuthOptions& options);

    // Loads the CA file. Returns false and fills *errorMessage when it is unusable.
    bool setUp(QString* errorMessage);

    const AuthOptions& options() const { return m_options; }
    QUrl server() const { return m_options.server; }
    QString serverOrigin() const;

    // AppSettings::lastUserName() of the server, or an empty string.
    QString storedUserName() const;

    ApiClient& client() { return m_client; }
    KeychainStore& keychain() { return m_keychain; }

private:
    AuthOptions m_options;
    ApiClient m_client;
    KeychainStore m_keychain;
};

struct StoredSessionRead
{
    KeychainStore::Status status = KeychainStore::Status::NotFound;
    std::optional<StoredSession> session; // for Ok, unless the entry is unreadable
    QString errorMessage;                 // translated, for a keychain failure
};

// Reads the session entry of userName on server, blocking until the keychain returns it or an error.
StoredSessionRead readStoredSession(KeychainStore& keychain, const QUrl& server, const QString& userName);

// Runs the event loop until condition() is true, checking it whenever session
// changes. Returns false when timeoutMs passed first.
bool waitForSession(Session& session, const std::function<bool()>& condition, int timeoutMs);

// Prints "denvr-auth: message" as one line on standard error.
void printError(const QString& message);

// Prints text and a newline on standard output.
void printOutput(const QString& text);
