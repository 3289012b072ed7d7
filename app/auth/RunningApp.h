#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

// The running denvr-signin of this user, reached through the instance socket.
namespace RunningApp {

// The app's status object (see SessionStatus.h), or nothing when no app runs
// or it did not answer.
std::optional<QJsonObject> status();

// True when status describes a session on server, and of userName unless
// userName is empty.
bool holdsSession(const QJsonObject& status, const QUrl& server, const QString& userName);

// Asks the app to read the stored session again. Returns false when no app
// runs or it did not answer, which callers may ignore.
bool requestReload();

struct TokenReply
{
    bool answered = false; // false: no app runs or it did not reply
    QString accessToken;   // empty for an error reply
    QString errorMessage;  // translated
    QString errorKind;     // ApiError::kindName(), for an error reply
};

// Asks the app for an access token, which may wait for its refresh.
TokenReply requestToken();

} // namespace RunningApp
