#pragma once

#include <QString>
#include <QUrl>

// Rules for the DenvrCloud server address a user types or a setting holds.
namespace ServerUrl {

inline constexpr const char *Production = "https://api.cloud.denvrdata.com";
inline constexpr const char *Staging = "https://api.cloud.denvrdata.dev";

// Accepts https:// for any host, and http:// only for loopback hosts
// (127.0.0.0/8, ::1, localhost). Returns an empty string when the URL is
// acceptable, otherwise a translated message saying what to change.
QString validate(const QUrl &url);

bool isLoopback(const QUrl &url);

// Scheme, host and port in lower case without a trailing slash, such as
// "https://api.cloud.denvrdata.com" or "http://127.0.0.1:8080": the key under
// which sessions of that server are stored.
QString origin(const QUrl &url);

// The DenvrCloud web console of server: https://console.cloud.denvrdata.com
// for the production API host, the .dev console for staging, and the
// server's own origin for any other host.
QUrl consoleUrl(const QUrl &server);

// The web console page where a user resets the password: the console of the
// production and staging hosts, or the server itself for any other host.
// The query carries the opaque "c" when the server sent one, otherwise the
// older userId and resetCode pair.
QUrl passwordResetUrl(const QUrl &server, const QString &opaqueCode, qint64 userId, const QString &resetCode);

} // namespace ServerUrl
