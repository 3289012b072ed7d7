#pragma once

class CommandContext;

// "denvr-auth status [--json]": the stored session of the server's last user
// and, when the app runs, its live state. The JSON object has the keys
//   server, user                         strings, user null when none signed in before
//   signedIn                             true when the stored refresh token is still valid
//                                        or the running app has this session
//   stored                               true when the keychain contains a session entry
//   accessTokenExpiresAt,
//   refreshTokenExpiresAt                ISO 8601 UTC of the stored session, or null
//   app                                  the app's status object (see SessionStatus.h), or null
// It never contains a token. Returns AuthSuccess when signed in,
// AuthNotSignedIn when not, or AuthKeychainUnavailable.
int runAuthStatusCommand(CommandContext& context);
