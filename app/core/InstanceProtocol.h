#pragma once

#include <QLatin1String>

// The line protocol on the instance socket. A client sends one line of JSON,
// such as {"command": "status"}, and the server replies with one line of JSON
// and closes the connection:
//   status   -> the status object (see SessionStatus.h)
//   activate -> {"ok": true}, after which the window comes forward
//   reload   -> {"ok": true}, after which the app reads the stored session again
//   token    -> {"accessToken": "<token>", "expiresAt": "<ISO 8601 UTC>"} once the
//               session has a token valid for more than 60 s, which may take a
//               refresh, or {"error": "<translated message>", "kind": "<ApiError::kindName>"}
//   anything else -> {"error": "<translated message>"}
// The token reply is the only secret sent on the socket.
namespace InstanceProtocol {

inline constexpr QLatin1String StatusCommand("status");
inline constexpr QLatin1String ActivateCommand("activate");
inline constexpr QLatin1String ReloadCommand("reload");
inline constexpr QLatin1String TokenCommand("token");

inline constexpr QLatin1String CommandKey("command");
inline constexpr QLatin1String ErrorKey("error");
inline constexpr QLatin1String OkKey("ok");
inline constexpr QLatin1String AccessTokenKey("accessToken");
inline constexpr QLatin1String ExpiresAtKey("expiresAt");
inline constexpr QLatin1String KindKey("kind");

// The maximum length in bytes of a request or reply line, without its newline.
inline constexpr int MaxLineBytes = 64 * 1024;

} // namespace InstanceProtocol
