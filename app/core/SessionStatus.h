#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

class Session;

// The status object that the instance socket returns for "status" and
// "denvr-signin --status" prints. It never contains a token.
//   state                  Session::stateName(), such as "signed-in"
//   user                   the user name, or null
//   server                 the server's origin, such as "https://api.cloud.denvrdata.com", or null
//   accessTokenExpiresAt   ISO 8601 UTC with seconds, such as "2025-02-01T12:00:00Z", or null
//   refreshTokenExpiresAt  the same format, or null
QJsonObject sessionStatusJson(const Session& session);

// The keys of sessionStatusJson() in the order listed above.
QStringList sessionStatusKeys();

// True for the states in which the user counts as signed in: "signed-in",
// "refreshing" and "offline".
bool isSignedInState(const QString& stateName);
