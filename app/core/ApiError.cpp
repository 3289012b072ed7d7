#include "ApiError.h"

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Timeout:
    case Kind::ConnectionRefused:
    case Kind::HostNotFound:
    case Kind::NetworkUnreachable:
    case Kind::MalformedResponse:
        return true;

    case Kind::TlsFailure:
        // An untrusted certificate stays untrusted until the user adds a CA,
        // but a handshake cut short by the network may succeed next time.
        return !certificateRejected;

    case Kind::ServerFault:
        // A 5xx without an envelope comes from a proxy or a restarting server.
        // A server that explains its fault in an envelope will do so again.
        return !hasEnvelope && httpStatus >= 500;

    case Kind::None:
    case Kind::InvalidCredentials:
    case Kind::ValidationFailed:
    case Kind::InvalidSecurityCode:
    case Kind::PasswordResetRequired:
    case Kind::RefreshTokenRejected:
    case Kind::Unauthorized:
    case Kind::NotFound:
    case Kind::InsecureServer:
    case Kind::Cancelled:
    case Kind::NotSignedIn:
        return false;
    }
    return false;
}

QString ApiError::userText() const
{
    if (details.isEmpty() || details == message)
        return message;

    if (message.isEmpty())
        return details;

    return message + QLatin1Char('\n') + details;
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::InvalidCredentials:
        return QStringLiteral("invalid-credentials");
    case Kind::ValidationFailed:
        return QStringLiteral("validation-failed");
    case Kind::InvalidSecurityCode:
        return QStringLiteral("invalid-security-code");
    case Kind::PasswordResetRequired:
        return QStringLiteral("password-reset-required");
    case Kind::RefreshTokenRejected:
        return QStringLiteral("refresh-token-rejected");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::ServerFault:
        return QStringLiteral("server-fault");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case Kind::HostNotFound:
        return QStringLiteral("host-not-found");
    case Kind::NetworkUnreachable:
        return QStringLiteral("network-unreachable");
    case Kind::TlsFailure:
        return QStringLiteral("tls-failure");
    case Kind::MalformedResponse:
        return QStringLiteral("malformed-response");
    case Kind::InsecureServer:
        return QStringLiteral("insecure-server");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::NotSignedIn:
        return QStringLiteral("not-signed-in");
    }
    return QStringLiteral("unknown");
}
