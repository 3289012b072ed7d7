#pragma once

#include "KeychainStore.h"

#include <QString>

struct ApiError;

// Exit codes of denvr-auth, the same for every command and listed in --help.
enum AuthExitCode {
    AuthSuccess = 0,
    AuthUsageError = 1,         // invalid arguments, or a value is missing and no terminal can ask for it
    AuthNotSignedIn = 2,        // no stored session for the server and user
    AuthUnreachable = 3,        // network failure, timeout, TLS failure or server fault
    AuthRejected = 4,           // the server rejected the credentials, the code or the refresh token
    AuthKeychainUnavailable = 5 // the keychain could not be read or written
};

int exitCodeForError(const ApiError& error);

// Maps an ApiError::kindName() as sent by the running app in a token error reply.
int exitCodeForKindName(const QString& kindName);

int exitCodeForKeychain(KeychainStore::Status status);
