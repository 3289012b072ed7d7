#include "ExitCodes.h"

#include "ApiError.h"

int exitCodeForError(const ApiError& error)
{
    switch (error.kind) {
    case ApiError::Kind::None:
        return AuthSuccess;
    case ApiError::Kind::InvalidCredentials:
    case ApiError::Kind::ValidationFailed:
    case ApiError::Kind::InvalidSecurityCode:
    case ApiError::Kind::PasswordResetRequired:
    case ApiError::Kind::RefreshTokenRejected:
    case ApiError::Kind::Unauthorized:
        return AuthRejected;
    case ApiError::Kind::NotFound:
    case ApiError::Kind::ServerFault:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::ConnectionRefused:
    case ApiError::Kind::HostNotFound:
    case ApiError::Kind::NetworkUnreachable:
    case ApiError::Kind::TlsFailure:
    case ApiError::Kind::MalformedResponse:
    case ApiError::Kind::Cancelled:
        return AuthUnreachable;
    case ApiError::Kind::InsecureServer:
        return AuthUsageError;
    case ApiError::Kind::NotSignedIn:
        return AuthNotSignedIn;
    }
    return AuthUnreachable;
}

int exitCodeForKindName(const QString& kindName)
{
    for (int value = int(ApiError::Kind::None); value <= int(ApiError::Kind::NotSignedIn); ++value) {
        ApiError error;
        error.kind = ApiError::Kind(value);
        if (ApiError::kindName(error.kind) == kindName)
            return exitCodeForError(error);
    }

    // An app newer than this tool may send a kind it does not know.
    return AuthUnreachable;
}

int exitCodeForKeychain(KeychainStore::Status status)
{
    switch (status) {
    case KeychainStore::Status::Ok:
        return AuthSuccess;
    case KeychainStore::Status::NotFound:
        return AuthNotSignedIn;
    case KeychainStore::Status::NoBackend:
    case KeychainStore::Status::AccessDenied:
    case KeychainStore::Status::TimedOut:
    case KeychainStore::Status::OtherError:
        return AuthKeychainUnavailable;
    }
    return AuthKeychainUnavailable;
}
